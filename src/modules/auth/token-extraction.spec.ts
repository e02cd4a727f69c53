import type { Request } from 'express';
import { tokenOf } from './token-extraction.js';

interface FakeRequest {
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, unknown>;
}

function request({ headers = {}, body, query = {} }: FakeRequest): Request {
  const lowered = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name: string) => lowered[name.toLowerCase()], body, query } as unknown as Request;
}

describe('tokenOf', () => {
  it('takes the Bearer header over the body and the query', () => {
    const req = request({
      headers: { Authorization: 'Bearer from-header' },
      body: { token: 'from-body' },
      query: { token: 'from-query' },
    });
    expect(tokenOf(req)).toBe('from-header');
  });

  it('takes the body token over the query token', () => {
    expect(tokenOf(request({ body: { token: 'from-body' }, query: { token: 'from-query' } }))).toBe('from-body');
  });

  it('takes the query token when it is the only one', () => {
    expect(tokenOf(request({ query: { token: 'from-query' } }))).toBe('from-query');
  });

  it('falls back to the query when the body has no token, or there is no body', () => {
    expect(tokenOf(request({ body: { email: 'a@b.co' }, query: { token: 'q' } }))).toBe('q');
    expect(tokenOf(request({ body: undefined, query: { token: 'q' } }))).toBe('q');
  });

  it('is undefined when no token is given anywhere', () => {
    expect(tokenOf(request({}))).toBeUndefined();
    expect(tokenOf(request({ body: {}, query: {} }))).toBeUndefined();
  });

  it("answers '' for an Authorization header that is not Bearer, without falling back to params", () => {
    expect(tokenOf(request({ headers: { Authorization: 'Basic abc' } }))).toBe('');
    expect(tokenOf(request({ headers: { Authorization: 'Basic abc' }, query: { token: 'q' } }))).toBe('');
  });

  it("answers '' for a Bearer header without a single token", () => {
    expect(tokenOf(request({ headers: { Authorization: 'Bearer' } }))).toBe('');
    expect(tokenOf(request({ headers: { Authorization: 'Bearer a b' } }))).toBe('');
  });

  it('reads the scheme case-insensitively and tolerates extra spaces', () => {
    expect(tokenOf(request({ headers: { Authorization: 'bearer abc' } }))).toBe('abc');
    expect(tokenOf(request({ headers: { Authorization: 'BEARER abc' } }))).toBe('abc');
    expect(tokenOf(request({ headers: { Authorization: 'Bearer   abc  ' } }))).toBe('abc');
  });

  it('treats a token param that is not a string as sent but unusable', () => {
    expect(tokenOf(request({ query: { token: ['a', 'b'] } }))).toBe('');
    expect(tokenOf(request({ body: { token: 42 } }))).toBe('');
    expect(tokenOf(request({ body: { token: { nested: 'x' } }, query: { token: 'q' } }))).toBe('');
  });
});
