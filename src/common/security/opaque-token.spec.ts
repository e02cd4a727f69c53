import { createHash } from 'node:crypto';
import { hashToken, isWellFormedToken, issueToken } from './opaque-token.js';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

describe('issueToken', () => {
  it('issues 43 characters of base64url (32 bytes)', () => {
    const { token } = issueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('issues a different token every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => issueToken().token));
    expect(tokens.size).toBe(1000);
  });

  it('pairs the token with the SHA-256 hex of it', () => {
    const { token, hash } = issueToken();
    expect(hash).toBe(sha256Hex(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 hex of its input', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('some token')).toBe(sha256Hex('some token'));
  });
});

describe('isWellFormedToken', () => {
  it('accepts issued tokens', () => {
    for (let i = 0; i < 50; i += 1) expect(isWellFormedToken(issueToken().token)).toBe(true);
  });

  it('accepts every base64url character', () => {
    expect(isWellFormedToken('-_' + 'a'.repeat(20) + 'Z9'.repeat(10) + 'x')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['one short', 'a'.repeat(42)],
    ['one long', 'a'.repeat(44)],
    ['a standard-base64 plus', 'a'.repeat(42) + '+'],
    ['a standard-base64 slash', 'a'.repeat(42) + '/'],
    ['padding', 'a'.repeat(42) + '='],
    ['a space', 'a'.repeat(42) + ' '],
    ['a trailing newline', 'a'.repeat(43) + '\n'],
    ['a non-ASCII letter', 'a'.repeat(42) + 'é'],
  ])('refuses %s', (_case, token) => {
    expect(isWellFormedToken(token)).toBe(false);
  });
});
