import { PlanoException } from '../status/plano.exception.js';
import type { BodyFormat } from '../request/request-state.js';

export type Params = Record<string, unknown>;

/** Standard or URL-safe base64, padded or not (whitespace such as a trailing newline is dropped first). */
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * The deepest JSON a body may hold (CONTRACT.md §12). No route takes params nested more than a
 * few levels; a deeper body is refused here, before class-transformer walks it recursively (5,000
 * levels exhaust its stack).
 */
export const MAX_PARAMS_DEPTH = 32;

/**
 * Turns a request body into params (CONTRACT.md §1).
 *
 * - No body: no params (`{}`), except on a sensitive route, whose params cannot come from the URL.
 * - Sensitive route: only base64 of a JSON object sent as text/plain. Plain JSON, bad base64,
 *   bytes that are not UTF-8 or not JSON → `invalid-encoded-params`; a JSON value with no params
 *   in it (`{}`, `[]`, a bare scalar) → `no-params-decoded`.
 * - Other routes: the text is JSON (either content type); undecodable → `invalid-encoded-params`;
 *   JSON that is not an object → `no-params-decoded`. An empty object is fine: every param of the
 *   route may be optional, and validation names the missing ones otherwise.
 */
export function decodeParams(raw: string | undefined, format: BodyFormat | undefined, sensitive: boolean): Params {
  if (raw === undefined || format === undefined) {
    if (sensitive) throw noParams('The request has no body; this route takes its params in a base64-encoded body.');
    return {};
  }
  if (!sensitive) return requireParamsObject(parseJson(raw), false);

  if (format !== 'text') {
    throw undecodable('This route takes sensitive params: send base64-encoded JSON as text/plain, not plain JSON.');
  }
  return requireParamsObject(parseJson(decodeBase64Text(raw)), true);
}

function decodeBase64Text(raw: string): string {
  const compact = raw.replace(/\s+/g, '');
  if (compact.length === 0 || !BASE64.test(compact) || compact.length % 4 === 1) {
    throw undecodable('The body is not valid base64.');
  }
  const bytes = Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
  try {
    return utf8.decode(bytes);
  } catch {
    throw undecodable('The decoded body is not UTF-8 text.');
  }
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw undecodable('The body is not valid JSON.');
  }
  if (depthExceeds(value, MAX_PARAMS_DEPTH)) throw undecodable(`The body nests JSON deeper than ${MAX_PARAMS_DEPTH} levels.`);
  return value;
}

/** Whether arrays and objects nest deeper than `limit` (the top-level value is level 1). Iterative: no stack to overflow. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function requireParamsObject(value: unknown, requireAtLeastOne: boolean): Params {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw noParams('The body decoded to a value with no params; send a JSON object.');
  }
  if (requireAtLeastOne && Object.keys(value).length === 0) {
    throw noParams('The body decoded to an empty object.');
  }
  return value as Params;
}

function undecodable(message: string): PlanoException {
  return new PlanoException('invalid-encoded-params', { message });
}

function noParams(message: string): PlanoException {
  return new PlanoException('no-params-decoded', { message });
}
