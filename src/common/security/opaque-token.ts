import { hash, randomFillSync } from 'node:crypto';

/** 32 random bytes in base64url: always 43 characters of [A-Za-z0-9_-]. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  /** Shown to the caller once, never stored. */
  readonly token: string;
  /** What the database keeps: the SHA-256 of the token, hex. */
  readonly hash: string;
}

const TOKEN_BYTES = 32;

/**
 * Random bytes drawn from the system's CSPRNG 128 tokens at a time: each draw is a call into
 * OpenSSL that cost a token route more than the token's hash (the XSO hand-off issues one per
 * request). Every byte is handed out once; the buffer is refilled, in place, when spent.
 */
const randomPool = Buffer.alloc(TOKEN_BYTES * 128);
let poolOffset = randomPool.length;

function nextRandomBytes(): Buffer {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  poolOffset += TOKEN_BYTES;
  return randomPool.subarray(poolOffset - TOKEN_BYTES, poolOffset);
}

/** A new opaque bearer token (sessions, application tokens, XSO codes). */
export function issueToken(): IssuedToken {
  const token = nextRandomBytes().toString('base64url');
  return { token, hash: hashToken(token) };
}

/**
 * SHA-256, not a password hash: the token already has 256 bits of entropy, so a fast digest is
 * safe, and it lets a lookup be a single indexed equality on the hash. Every token check hashes
 * the token it is given: the one-shot `hash` takes a quarter of the time of a Hash object's
 * create, update and digest.
 */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Whether a string could be one of our tokens at all; a malformed one never reaches the database. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}
