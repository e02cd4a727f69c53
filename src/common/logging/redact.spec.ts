import { redactParams } from './redact.js';

describe('redactParams', () => {
  it('replaces secret values at any depth and keeps the rest', () => {
    expect(
      redactParams({
        token: 't',
        client_id: '7',
        client: { email: 'a@b.co', password: 'p', nested: { Authorization: 'Bearer x' } },
        list: [{ new_password: 'n' }],
      }),
    ).toEqual({
      token: '[redacted]',
      client_id: '7',
      client: { email: 'a@b.co', password: '[redacted]', nested: { Authorization: '[redacted]' } },
      list: [{ new_password: '[redacted]' }],
    });
  });

  it('cuts long strings and deep nesting', () => {
    expect((redactParams({ q: 'x'.repeat(500) }) as { q: string }).q).toHaveLength(201);
    expect(redactParams({ a: { b: { c: { d: { e: { f: 1 } } } } } })).toEqual({ a: { b: { c: { d: { e: '[…]' } } } } });
  });
});
