import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { authConfig, type AuthConfig } from '../../config/auth.config.js';

/*
 * Brute-force protection. Why not @nestjs/throttler: its 6.x releases are CommonJS and `require`
 * @nestjs/common, which NestJS 12 ships as ESM only. Node 20.19 runs that (require of ESM), but
 * Jest's module runtime cannot before Node 24.9, so the limit could not be tested end to end.
 * A fixed window per key is all the contract asks for, and fits in this file.
 */

export type RateLimitKind = 'login' | 'register';

const RATE_LIMIT_KIND = 'plano:rate-limit';
const WINDOW_MS = 60_000;

/**
 * `login` counts attempts per source address and email, `register` per source address, each per
 * minute with the limits from config; over the limit → `rate-limit-exceeded` 429 with Retry-After.
 * Counters live in this instance's memory (several instances each allow the limit).
 */
export function RateLimited(kind: RateLimitKind): MethodDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_KIND, kind), UseGuards(RateLimitGuard), ApiStatuses('rate-limit-exceeded'));
}

interface Window {
  count: number;
  resetsAt: number;
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const kind = this.reflector.get<RateLimitKind | undefined>(RATE_LIMIT_KIND, context.getHandler());
    if (!kind) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const now = this.clock.now().getTime();
    this.forgetEnded(now);

    const key = `${kind}|${trackerOf(kind, request)}`;
    const current = this.windows.get(key);
    const window = current && current.resetsAt > now ? current : { count: 0, resetsAt: now + WINDOW_MS };
    window.count += 1;
    this.windows.set(key, window);

    const limit = kind === 'login' ? this.config.loginPerMinute : this.config.registerPerMinute;
    if (window.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.resetsAt - now) / 1000));
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
      throw new PlanoException('rate-limit-exceeded');
    }
    return true;
  }

  /**
   * Drops ended windows, at most once a window length, so memory follows the number of recent
   * callers rather than all callers ever, and a flood of new keys does not make every request scan.
   */
  private forgetEnded(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + WINDOW_MS;
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
  }
}

function trackerOf(kind: RateLimitKind, request: Request): string {
  const address = request.ip ?? 'unknown';
  if (kind !== 'login') return address;
  const email = (request.body as Record<string, unknown> | undefined)?.email;
  return `${address}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}
