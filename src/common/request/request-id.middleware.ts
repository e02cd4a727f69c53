import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { RequestState } from './request-state.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Ids a caller may choose: short, printable, and harmless in a log line or a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{8,128}$/;

/**
 * First stage of the pipeline: every request gets an id (the caller's, when it is sane, so a
 * trace can cross services), echoed in the response header, the envelope and every log line
 * about the request. The id travels on `request.plano` and is passed on explicitly, not through
 * an AsyncLocalStorage: on Node 20 one costs a hook on every promise of every request.
 */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.get(REQUEST_ID_HEADER);
  const state: RequestState = {
    requestId: incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID(),
    startedAt: process.hrtime.bigint(),
  };
  request.plano = state;
  response.setHeader(REQUEST_ID_HEADER, state.requestId);
  next();
}
