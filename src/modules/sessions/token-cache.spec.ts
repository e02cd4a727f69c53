import { EventEmitter } from 'node:events';
import { jest } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { WriteActivity } from '../../common/request/write-activity.js';
import type { SessionsConfig } from '../../config/sessions.config.js';
import type { SessionWithOwner } from './sessions.repository.js';
import { TokenCache } from './token-cache.js';

const TTL_MS = 500;

function build(ttlMs = TTL_MS) {
  const writes = new WriteActivity();
  const cache = new TokenCache<SessionWithOwner>(writes, { cacheTtlMs: ttlMs } as SessionsConfig);
  /** A request through the pipeline's write tracking; answers how to end it (its response closing). */
  const request = (method: string) => {
    const response = new EventEmitter();
    writes.track({ method } as Request, response as unknown as Response, (() => undefined) as NextFunction);
    return () => response.emit('close');
  };
  return { writes, cache, request };
}

const found = (sessionId: number) => ({ session: { id: sessionId } }) as unknown as SessionWithOwner;

describe('TokenCache', () => {
  let now = 1_000;
  beforeEach(() => {
    now = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers a kept session until the TTL has passed, then reads again', () => {
    const { cache } = build();
    cache.keep('h', found(1), cache.ticket());
    now += TTL_MS - 1;
    expect(cache.get('h')).toEqual(found(1));
    now += 1;
    expect(cache.get('h')).toBeUndefined();
  });

  it('drops every entry as soon as a request that may write starts on this instance', () => {
    const { cache, request } = build();
    cache.keep('h', found(1), cache.ticket());
    const end = request('POST');
    expect(cache.get('h')).toBeUndefined();
    end();
  });

  it('keeps nothing read while a write was under way, or while one started and ended', () => {
    const { cache, request } = build();
    const end = request('POST');
    cache.keep('during', found(1), cache.ticket());
    end();
    expect(cache.get('during')).toBeUndefined();

    const ticket = cache.ticket();
    request('POST')(); // a whole write between the read's start and its answer
    cache.keep('across', found(2), ticket);
    expect(cache.get('across')).toBeUndefined();
  });

  it('is not disturbed by reads: GET, HEAD and OPTIONS requests leave entries alone', () => {
    const { cache, request } = build();
    cache.keep('h', found(1), cache.ticket());
    for (const method of ['GET', 'HEAD', 'OPTIONS']) request(method)();
    expect(cache.get('h')).toEqual(found(1));
  });

  it('keeps nothing when SESSION_CACHE_TTL_MS is 0', () => {
    const { cache } = build(0);
    cache.keep('h', found(1), cache.ticket());
    expect(cache.get('h')).toBeUndefined();
  });

  it('forgets a session marked expired, and the oldest entry when full', () => {
    const { cache } = build();
    for (let id = 1; id <= 10_000; id += 1) cache.keep(`h${id}`, found(id), cache.ticket());
    cache.forgetSession(2);
    expect(cache.get('h2')).toBeUndefined();
    cache.keep('h10001', found(10_001), cache.ticket()); // 10,000 kept again after the forget: nothing evicted
    cache.keep('h10002', found(10_002), cache.ticket());
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h3')).toEqual(found(3));
    expect(cache.get('h10002')).toEqual(found(10_002));
  });

  describe('reads under way', () => {
    const settle = () => new Promise((resolve) => setImmediate(resolve));

    it('offers a read to the misses on its token until it settles, then forgets it', async () => {
      const { cache } = build();
      const answer = Promise.resolve(found(1));
      cache.shareRead('h', answer, cache.ticket());
      expect(cache.readUnderWay('h')).toBe(answer);
      expect(cache.readUnderWay('other')).toBeUndefined();
      await settle();
      expect(cache.readUnderWay('h')).toBeUndefined();
    });

    it('forgets a read that failed, without an unhandled rejection', async () => {
      const { cache } = build();
      const answer = Promise.reject(new Error('database unavailable'));
      answer.catch(() => undefined); // the caller's own handling
      cache.shareRead('h', answer, cache.ticket());
      expect(cache.readUnderWay('h')).toBe(answer);
      await settle();
      expect(cache.readUnderWay('h')).toBeUndefined();
    });

    it('offers no read once a request that may write has started, nor one begun during a write', () => {
      const { cache, request } = build();
      cache.shareRead('before', new Promise(() => undefined), cache.ticket());
      const end = request('POST');
      expect(cache.readUnderWay('before')).toBeUndefined();
      cache.shareRead('during', new Promise(() => undefined), cache.ticket());
      expect(cache.readUnderWay('during')).toBeUndefined();
      end();
      expect(cache.readUnderWay('during')).toBeUndefined();
    });

    it('shares nothing when SESSION_CACHE_TTL_MS is 0: every request reads the database', () => {
      const { cache } = build(0);
      cache.shareRead('h', new Promise(() => undefined), cache.ticket());
      expect(cache.readUnderWay('h')).toBeUndefined();
    });

    it('keeps offering the latest read of a token when an earlier one settles after it started', async () => {
      const { cache } = build();
      let settleFirst: (value: null) => void = () => undefined;
      const first = new Promise<null>((resolve) => (settleFirst = resolve));
      cache.shareRead('h', first, cache.ticket());
      const second = new Promise<null>(() => undefined);
      cache.shareRead('h', second, cache.ticket());
      settleFirst(null);
      await settle();
      expect(cache.readUnderWay('h')).toBe(second);
    });
  });
});
