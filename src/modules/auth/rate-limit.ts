import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { authConfig, type AuthConfig } from '../../config/auth.config.js';
import { authOf } from './auth-context.js';
import { RateLimitCounters, type CounterStore } from './rate-limit-counters.js';

/*
 * Brute-force protection. Why not @nestjs/throttler: its 6.x releases are CommonJS and `require`
 * @nestjs/common, which NestJS 12 ships as ESM only. Node 20.19 runs that (require of ESM), but
 * Jest's module runtime cannot before Node 24.9, so the limit could not be tested end to end.
 * A fixed window per key is all the contract asks for, and fits in this file.
 */

/**
 * `login`: sessions/create, per source address and email, and per source address alone.
 * `password`: users/change_password, counted on the same two counters as sign-in (its email is
 * the caller's), so guessing a password through either route spends one budget.
 * `magic-link`: sessions/create_magic_link, per source address and email, and on sign-in's
 * per-address counter (a magic link is a way to sign in).
 * `register`: registrations per source address.
 */
export type RateLimitKind = 'login' | 'password' | 'magic-link' | 'register';

const RATE_LIMIT_KIND = 'plano:rate-limit';
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Attempts per minute with the limits from config; over a limit → `rate-limit-exceeded` 429 with
 * Retry-After. Every attempt counts, right or wrong. The counters live in the shared database, so
 * several instances together allow the limit once (CONTRACT.md §12). RateLimitGuard, one of the
 * global guards (AuthModule), reads the kind on every route and counts only where it is set.
 */
export function RateLimited(kind: RateLimitKind): MethodDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_KIND, kind), ApiStatuses('rate-limit-exceeded'));
}

interface Counter {
  readonly key: string;
  readonly limit: number;
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    @Inject(RateLimitCounters) private readonly counters: CounterStore,
  ) {}

  /** Synchronous for the routes with no limit (all but a few), so they cost no promise. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const kind = this.reflector.get<RateLimitKind | undefined>(RATE_LIMIT_KIND, context.getHandler());
    return kind ? this.countAttempt(kind, context) : true;
  }

  private async countAttempt(kind: RateLimitKind, context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const now = this.clock.now().getTime();
    // Every counter of the attempt is hit, even when the first is already over: an attempt is an attempt.
    const counters = this.countersOf(kind, request);
    const states = await this.counters.hit(counters.map((counter) => counter.key), now, RATE_LIMIT_WINDOW_MS);
    const exceeded = states.filter((state, i) => state.hits > counters[i].limit);
    if (exceeded.length > 0) {
      const resetsAt = Math.max(...exceeded.map((state) => state.resetsAt));
      const retryAfterSeconds = Math.max(1, Math.ceil((resetsAt - now) / 1000));
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
      throw new PlanoException('rate-limit-exceeded');
    }
    return true;
  }

  private countersOf(kind: RateLimitKind, request: Request): Counter[] {
    const address = request.ip ?? 'unknown';
    if (kind === 'register') return [{ key: `register|${address}`, limit: this.config.registerPerMinute }];
    if (kind === 'magic-link') {
      return [
        { key: `magic-link|${address}|${emailOf('login', request)}`, limit: this.config.magicLinkPerMinute },
        { key: `login-address|${address}`, limit: this.config.loginPerAddressPerMinute },
      ];
    }
    return [
      { key: `login|${address}|${emailOf(kind, request)}`, limit: this.config.loginPerMinute },
      { key: `login-address|${address}`, limit: this.config.loginPerAddressPerMinute },
    ];
  }
}

/** The email an attempt is against: the one in the params (sign-in, magic link), or the signed-in caller's. */
function emailOf(kind: 'login' | 'password', request: Request): string {
  const email = kind === 'login' ? (request.body as Record<string, unknown> | undefined)?.email : sessionEmailOf(request);
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

function sessionEmailOf(request: Request): string | undefined {
  const auth = authOf(request);
  return auth?.kind === 'session' ? auth.user.email : undefined;
}
