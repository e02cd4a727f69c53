import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Methods whose routes never change what a token check reads: every route that changes users,
 * roles or sessions is a POST. (The one GET that writes, xso/capture_client, writes only an XSO
 * code; the token check's own writes, the touch and marking a session expired, keep the token
 * cache in step themselves.) A GET route that changed accounts or sessions would break this.
 */
const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What this instance is writing, for answers kept in memory (the token cache): how many requests
 * that may write are under way, and a generation that moves whenever one starts or ends. An answer
 * read from the database while no such request ran, and still of the current generation, reflects
 * every change this instance has made; changes other instances make are the cache's time bound's
 * business.
 */
@Injectable()
export class WriteActivity {
  private inFlight = 0;
  private currentGeneration = 0;

  get generation(): number {
    return this.currentGeneration;
  }

  /** No request that may write is under way. */
  get quiet(): boolean {
    return this.inFlight === 0;
  }

  /** Pipeline stage: counts every request that is not a plain read from its start until its response has closed. */
  readonly track = (request: Request, response: Response, next: NextFunction): void => {
    if (READ_ONLY_METHODS.has(request.method)) return next();
    this.inFlight += 1;
    this.currentGeneration += 1;
    response.on('close', () => {
      this.inFlight -= 1;
      this.currentGeneration += 1;
    });
    next();
  };
}
