import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { Clock } from '../../common/time/clock.js';
import type { AuthConfig } from '../../config/auth.config.js';
import { RateLimitGuard, RateLimited } from './rate-limit.js';

class Handlers {
  @RateLimited('login')
  login(): void {}

  @RateLimited('register')
  register(): void {}

  unlimited(): void {}
}

type HandlerName = 'login' | 'register' | 'unlimited';

interface Call {
  handler: HandlerName;
  ip?: string;
  email?: unknown;
}

interface Outcome {
  allowed: boolean;
  slug?: string;
  headers: Record<string, string>;
}

const config = { loginPerMinute: 3, registerPerMinute: 5, bootstrapAdmin: null } as AuthConfig;
const START = Date.parse('2025-01-01T00:00:00.000Z');

function setup() {
  let t = START;
  const clock = { now: () => new Date(t) } as Clock;
  const guard = new RateLimitGuard(new Reflector(), clock, config);

  function call({ handler, ip = '203.0.113.7', email }: Call): Outcome {
    const headers: Record<string, string> = {};
    const req = { ip, body: email === undefined ? {} : { email } } as unknown as Request;
    const res = { setHeader: (name: string, value: string) => void (headers[name] = value) };
    const context = {
      getHandler: () => Handlers.prototype[handler],
      getClass: () => Handlers,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ExecutionContext;
    try {
      return { allowed: guard.canActivate(context), headers };
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
  it('allows 3 logins per ip and email, then refuses with rate-limit-exceeded and Retry-After', () => {
    const { call, advance } = setup();
    for (let i = 0; i < 3; i += 1) {
      const outcome = call(login('a@example.com'));
      expect(outcome).toEqual({ allowed: true, headers: {} });
      advance(1000);
    }
    const refused = call(login('a@example.com'));
    expect(refused.allowed).toBe(false);
    expect(refused.slug).toBe('rate-limit-exceeded');
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    const retryAfter = Number(refused.headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The window opened 3 s ago, so 57 s of it remain.
    expect(retryAfter).toBe(57);
  });

  it('keeps refusing within the window, with a shrinking Retry-After of at least 1', () => {
    const { call, advance } = setup();
    for (let i = 0; i < 3; i += 1) call(login('a@example.com'));
    advance(59_500);
    const refused = call(login('a@example.com'));
    expect(refused.slug).toBe('rate-limit-exceeded');
    expect(refused.headers['Retry-After']).toBe('1');
  });

  it('gives another email from the same ip its own counter', () => {
    const { call } = setup();
    for (let i = 0; i < 3; i += 1) call(login('a@example.com'));
    expect(call(login('a@example.com')).slug).toBe('rate-limit-exceeded');
    expect(call(login('b@example.com')).allowed).toBe(true);
  });

  it('gives the same email from another ip its own counter', () => {
    const { call } = setup();
    for (let i = 0; i < 3; i += 1) call(login('a@example.com', '198.51.100.1'));
    expect(call(login('a@example.com', '198.51.100.1')).slug).toBe('rate-limit-exceeded');
    expect(call(login('a@example.com', '198.51.100.2')).allowed).toBe(true);
  });

  it('compares emails case-insensitively and ignoring surrounding spaces', () => {
    const { call } = setup();
    call(login('a@example.com'));
    call(login('A@Example.COM'));
    call(login('  a@EXAMPLE.com '));
    expect(call(login('a@example.com')).slug).toBe('rate-limit-exceeded');
  });

  it('counts logins with no email, or a non-string one, together per ip', () => {
    const { call } = setup();
    call(login(undefined));
    call(login(42));
    call(login(['a@example.com']));
    expect(call(login(undefined)).slug).toBe('rate-limit-exceeded');
    expect(call(login('a@example.com')).allowed).toBe(true);
  });

  it('starts a new window once 60 s of clock time have passed', () => {
    const { call, advance } = setup();
    for (let i = 0; i < 3; i += 1) call(login('a@example.com'));
    expect(call(login('a@example.com')).slug).toBe('rate-limit-exceeded');
    advance(59_999);
    expect(call(login('a@example.com')).slug).toBe('rate-limit-exceeded');
    advance(1);
    for (let i = 0; i < 3; i += 1) expect(call(login('a@example.com')).allowed).toBe(true);
    expect(call(login('a@example.com')).slug).toBe('rate-limit-exceeded');
  });

  it('counts registrations per ip only, with their own limit', () => {
    const { call } = setup();
    for (let i = 0; i < 5; i += 1) {
      expect(call({ handler: 'register', email: `user${i}@example.com` }).allowed).toBe(true);
    }
    const refused = call({ handler: 'register', email: 'user99@example.com' });
    expect(refused.slug).toBe('rate-limit-exceeded');
    expect(refused.headers['Retry-After']).toBe('60');
    expect(call(register('198.51.100.9')).allowed).toBe(true);
  });

  it('keeps login and register counters apart', () => {
    const { call } = setup();
    for (let i = 0; i < 3; i += 1) call(login('a@example.com'));
    expect(call(login('a@example.com')).slug).toBe('rate-limit-exceeded');
    expect(call(register()).allowed).toBe(true);
  });

  it('always allows a handler without the rate-limit metadata', () => {
    const { call } = setup();
    for (let i = 0; i < 100; i += 1) {
      expect(call({ handler: 'unlimited', email: 'a@example.com' })).toEqual({ allowed: true, headers: {} });
    }
  });

  it('reads the kind from the plano:rate-limit metadata', () => {
    const { call } = setup();
    expect(Reflect.getMetadata('plano:rate-limit', Handlers.prototype.login)).toBe('login');
    expect(Reflect.getMetadata('plano:rate-limit', Handlers.prototype.register)).toBe('register');
    expect(call({ handler: 'unlimited' }).allowed).toBe(true);
  });
});
