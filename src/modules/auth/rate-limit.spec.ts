import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { Clock } from '../../common/time/clock.js';
import type { AuthConfig } from '../../config/auth.config.js';
import type { CounterState, CounterStore } from './rate-limit-counters.js';
import { RateLimitGuard, RateLimited } from './rate-limit.js';

/** The counters' contract (a fixed window per key) in memory; the SQL store is tested e2e on both engines. */
class MemoryCounters implements CounterStore {
  private readonly windows = new Map<string, CounterState>();

  async hit(keys: readonly string[], now: number, windowMs: number): Promise<CounterState[]> {
    return keys.map((key) => {
      const current = this.windows.get(key);
      const next = current && current.resetsAt > now ? { hits: current.hits + 1, resetsAt: current.resetsAt } : { hits: 1, resetsAt: now + windowMs };
      this.windows.set(key, next);
      return next;
    });
  }
}

class Handlers {
  @RateLimited('login')
  login(): void {}

  @RateLimited('register')
  register(): void {}

  @RateLimited('password')
  password(): void {}

  unlimited(): void {}
}

type HandlerName = 'login' | 'register' | 'password' | 'unlimited';

interface Call {
  handler: HandlerName;
  ip?: string;
  email?: unknown;
  /** The signed-in caller's email (users/change_password). */
  sessionEmail?: string;
}

interface Outcome {
  allowed: boolean;
  slug?: string;
  headers: Record<string, string>;
}

const config = { loginPerMinute: 3, loginPerAddressPerMinute: 8, registerPerMinute: 5, bootstrapAdmin: null } as AuthConfig;
const START = Date.parse('2025-01-01T00:00:00.000Z');

function setup() {
  let t = START;
  const clock = { now: () => new Date(t) } as Clock;
  const guard = new RateLimitGuard(new Reflector(), clock, config, new MemoryCounters());

  async function call({ handler, ip = '203.0.113.7', email, sessionEmail }: Call): Promise<Outcome> {
    const headers: Record<string, string> = {};
    const auth = sessionEmail === undefined ? undefined : { kind: 'session', user: { email: sessionEmail } };
    const req = { ip, body: email === undefined ? {} : { email }, plano: { auth } } as unknown as Request;
    const res = { setHeader: (name: string, value: string) => void (headers[name] = value) };
    const context = {
      getHandler: () => Handlers.prototype[handler],
      getClass: () => Handlers,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ExecutionContext;
    try {
      return { allowed: await guard.canActivate(context), headers };
    } catch (error) {
      if (error instanceof PlanoException) return { allowed: false, slug: error.slug, headers };
      throw error;
    }
  }

  return {
    call,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const login = (email: unknown, ip?: string): Call => ({ handler: 'login', email, ip });
const register = (ip?: string): Call => ({ handler: 'register', ip, email: 'someone@example.com' });

describe('RateLimitGuard', () => {
  it('allows 3 logins per ip and email, then refuses with rate-limit-exceeded and Retry-After', async () => {
    const { call, advance } = setup();
    for (let i = 0; i < 3; i += 1) {
      const outcome = await call(login('a@example.com'));
      expect(outcome).toEqual({ allowed: true, headers: {} });
      advance(1000);
    }
    const refused = await call(login('a@example.com'));
    expect(refused.allowed).toBe(false);
    expect(refused.slug).toBe('rate-limit-exceeded');
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    const retryAfter = Number(refused.headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The window opened 3 s ago, so 57 s of it remain.
    expect(retryAfter).toBe(57);
  });

  it('keeps refusing within the window, with a shrinking Retry-After of at least 1', async () => {
    const { call, advance } = setup();
    for (let i = 0; i < 3; i += 1) await call(login('a@example.com'));
    advance(59_500);
    const refused = await call(login('a@example.com'));
    expect(refused.slug).toBe('rate-limit-exceeded');
    expect(refused.headers['Retry-After']).toBe('1');
  });

  it('gives another email from the same ip its own counter', async () => {
    const { call } = setup();
    for (let i = 0; i < 3; i += 1) await call(login('a@example.com'));
    expect((await call(login('a@example.com'))).slug).toBe('rate-limit-exceeded');
    expect((await call(login('b@example.com'))).allowed).toBe(true);
  });

  it('gives the same email from another ip its own counter', async () => {
    const { call } = setup();
    for (let i = 0; i < 3; i += 1) await call(login('a@example.com', '198.51.100.1'));
    expect((await call(login('a@example.com', '198.51.100.1'))).slug).toBe('rate-limit-exceeded');
    expect((await call(login('a@example.com', '198.51.100.2'))).allowed).toBe(true);
  });

  it('compares emails case-insensitively and ignoring surrounding spaces', async () => {
    const { call } = setup();
    await call(login('a@example.com'));
    await call(login('A@Example.COM'));
    await call(login('  a@EXAMPLE.com '));
    expect((await call(login('a@example.com'))).slug).toBe('rate-limit-exceeded');
  });

  it('counts logins with no email, or a non-string one, together per ip', async () => {
    const { call } = setup();
    await call(login(undefined));
    await call(login(42));
    await call(login(['a@example.com']));
    expect((await call(login(undefined))).slug).toBe('rate-limit-exceeded');
    expect((await call(login('a@example.com'))).allowed).toBe(true);
  });

  it('starts a new window once 60 s of clock time have passed', async () => {
    const { call, advance } = setup();
    for (let i = 0; i < 3; i += 1) await call(login('a@example.com'));
    expect((await call(login('a@example.com'))).slug).toBe('rate-limit-exceeded');
    advance(59_999);
    expect((await call(login('a@example.com'))).slug).toBe('rate-limit-exceeded');
    advance(1);
    for (let i = 0; i < 3; i += 1) expect((await call(login('a@example.com'))).allowed).toBe(true);
    expect((await call(login('a@example.com'))).slug).toBe('rate-limit-exceeded');
  });

  it('counts registrations per ip only, with their own limit', async () => {
    const { call } = setup();
    for (let i = 0; i < 5; i += 1) {
      expect((await call({ handler: 'register', email: `user${i}@example.com` })).allowed).toBe(true);
    }
    const refused = await call({ handler: 'register', email: 'user99@example.com' });
    expect(refused.slug).toBe('rate-limit-exceeded');
    expect(refused.headers['Retry-After']).toBe('60');
    expect((await call(register('198.51.100.9'))).allowed).toBe(true);
  });

  it('keeps login and register counters apart', async () => {
    const { call } = setup();
    for (let i = 0; i < 3; i += 1) await call(login('a@example.com'));
    expect((await call(login('a@example.com'))).slug).toBe('rate-limit-exceeded');
    expect((await call(register())).allowed).toBe(true);
  });

  it('always allows a handler without the rate-limit metadata', async () => {
    const { call } = setup();
    for (let i = 0; i < 100; i += 1) {
      expect(await call({ handler: 'unlimited', email: 'a@example.com' })).toEqual({ allowed: true, headers: {} });
    }
  });

  it('reads the kind from the plano:rate-limit metadata', async () => {
    const { call } = setup();
    expect(Reflect.getMetadata('plano:rate-limit', Handlers.prototype.login)).toBe('login');
    expect(Reflect.getMetadata('plano:rate-limit', Handlers.prototype.register)).toBe('register');
    expect((await call({ handler: 'unlimited' })).allowed).toBe(true);
  });

  it('caps sign-in attempts per address whatever the email (spraying many emails)', async () => {
    const { call } = setup();
    for (let i = 0; i < 8; i += 1) expect((await call(login(`user${i}@example.com`))).allowed).toBe(true);
    const refused = await call(login('user99@example.com'));
    expect(refused.slug).toBe('rate-limit-exceeded');
    expect((await call(login('user99@example.com', '198.51.100.3'))).allowed).toBe(true);
  });

  it('counts password changes on the sign-in counters of the caller’s own email', async () => {
    const { call } = setup();
    await call(login('a@example.com'));
    await call({ handler: 'password', sessionEmail: 'A@example.com', email: 'ignored@example.com' });
    await call({ handler: 'password', sessionEmail: 'a@example.com' });
    expect((await call(login('a@example.com'))).slug).toBe('rate-limit-exceeded');
    expect((await call({ handler: 'password', sessionEmail: 'a@example.com' })).slug).toBe('rate-limit-exceeded');
    expect((await call(login('b@example.com'))).allowed).toBe(true);
  });
});
