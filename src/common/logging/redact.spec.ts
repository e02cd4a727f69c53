import { QueryFailedError } from 'typeorm';
import { censorSecretFields, redactParams, serializeError } from './redact.js';

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

describe('redaction by pattern (CONTRACT.md §12)', () => {
  it.each(['access_token', 'passwd', 'pass', 'mandrill_api_key', 'Client_Secret', 'X-AUTH-CODE', 'refreshToken', 'authorization'])('%s is redacted', (key) => {
    expect(redactParams({ [key]: 'hunter2', keep: 'ok' })).toEqual({ [key]: '[redacted]', keep: 'ok' });
  });
});

describe('serializeError', () => {
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
  const digest = 'a'.repeat(64);

  it('keeps what explains a failed query, never its SQL, parameters or values', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_users_email"'), {
      code: '23505',
      detail: 'Key (email)=(ada@example.com) already exists.',
      table: 'users',
      constraint: 'uq_users_email',
    });
    const error = new QueryFailedError('INSERT INTO users (email, password_hash, token_hash) VALUES ($1, $2, $3)', ['ada@example.com', hash, digest], driverError);
    const serialized = serializeError(error) as Record<string, unknown>;
    const text = JSON.stringify(serialized);
    for (const secret of [hash, digest, 'ada@example.com', 'INSERT INTO', 'VALUES']) expect(text).not.toContain(secret);
    expect(serialized).toMatchObject({ type: 'QueryFailedError', driver: { code: '23505', table: 'users', constraint: 'uq_users_email' } });
    expect(serialized.stack).toEqual(expect.any(String));
  });

  it('serialises causes the same way', () => {
    const inner = new QueryFailedError('SELECT 1 WHERE x = $1', [hash], new Error('boom'));
    const outer = new Error('outer', { cause: inner });
    expect(JSON.stringify(serializeError(outer))).not.toContain(hash);
    expect(serializeError(outer)).toMatchObject({ cause: { type: 'QueryFailedError' } });
  });
});

describe('censorSecretFields (every log line, under redactParams)', () => {
  it('censors secret fields in a line’s first three levels, arrays included, without touching the original', () => {
    const line = {
      msg: 'x',
      token: 't',
      params: { password: 'p', Current_Password: 'c', keep: 1, list: [{ new_password: 'n' }] },
      req: { headers: { cookie: 'sid=1', authorization: 'Bearer x', accept: 'json' } },
    };
    const original = structuredClone(line);
    expect(censorSecretFields(line)).toEqual({
      msg: 'x',
      token: '[redacted]',
      params: { password: '[redacted]', Current_Password: '[redacted]', keep: 1, list: [{ new_password: '[redacted]' }] },
      req: { headers: { cookie: '[redacted]', authorization: '[redacted]', accept: 'json' } },
    });
    expect(line).toEqual(original);
  });

  it('answers a line with nothing to censor as the same object, and leaves errors to their serializer', () => {
    const line = { msg: 'request', request_id: 'r', query: { page: { size: '10' } }, err: Object.assign(new Error('e'), { token: 'x' }) };
    expect(censorSecretFields(line)).toBe(line);
  });
});
