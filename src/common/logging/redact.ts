/**
 * Keys whose values are secrets, by pattern (CONTRACT.md §12): any key containing one of these
 * words, in any case — `access_token`, `passwd`, `mandrill_api_key`, `X-Auth-Code` alike. Never
 * written to a log line, a notification or a response.
 */
export const SECRET_KEY = /token|pass|secret|key|code|authorization|cookie/i;

export const REDACTED = '[redacted]';

/**
 * A copy of a params object (query string, decoded body) fit for a log line: secret values are
 * replaced at any depth, and long strings are cut so one request cannot flood the log.
 */
export function redactParams(value: unknown, depth = 0): unknown {
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redactParams(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = SECRET_KEY.test(key) ? REDACTED : redactParams(item, depth + 1);
    }
    return copy;
  }
  if (typeof value === 'string' && value.length > 200) return `${value.slice(0, 200)}…`;
  return value;
}

/** Field names censored in every log line, as a second net under redactParams (see censorSecretFields). */
const SECRET_FIELDS = new Set(['token', 'password', 'current_password', 'new_password', 'authorization', 'cookie']);

/**
 * How deep censorSecretFields looks: a line's fields, their fields, and one more
 * (`req.headers.cookie`); an array's items are as deep as the array, up to NESTING_LIMIT in all.
 */
const CENSOR_DEPTH = 3;
const NESTING_LIMIT = 8;

/**
 * pino's `formatters.log`: the line with the value of every SECRET_FIELDS field in its first three
 * levels replaced, whatever the caller put there. Plain objects and arrays only (an Error is left
 * to serializeError). Copy on write: a line with nothing to censor — every request line — is the
 * same object, with nothing allocated. (pino's own `redact` option parses its paths again on every
 * line: a quarter of all the memory a token check allocated.)
 */
export function censorSecretFields<T extends Record<string, unknown>>(line: T): T {
  return censorLevel(line, 1, 1) as T;
}

function censorLevel(value: unknown, depth: number, nesting: number): unknown {
  if (nesting > NESTING_LIMIT) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const censored = censorLevel(value[i], depth, nesting + 1);
      if (censored !== value[i]) (copy ??= [...value])[i] = censored;
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const item = value[key];
    const censored = SECRET_FIELDS.has(key.toLowerCase()) ? REDACTED : depth < CENSOR_DEPTH ? censorLevel(item, depth + 1, nesting + 1) : item;
    if (censored !== item) (copy ??= { ...value })[key] = censored;
  }
  return copy ?? value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Fields of a database driver's error that name the failure without carrying the values involved. */
const SAFE_DRIVER_FIELDS = ['code', 'errno', 'severity', 'table', 'column', 'constraint', 'routine', 'schema'] as const;

/**
 * pino's `err` serializer. The default one copies every enumerable field of an error, and
 * TypeORM's QueryFailedError carries the failed statement's bound `parameters` (password hashes,
 * token digests, emails) and the driver error's `detail` ("Key (email)=(…) already exists"). This
 * keeps what explains the failure — type, message, stack, codes, the table and constraint — and
 * never the SQL text, its parameters or any value (CONTRACT.md §12). Causes are serialised alike.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> | string {
  if (!(error instanceof Error)) return typeof error === 'string' ? error : 'non-error value thrown';
  const serialized: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const fields = error as unknown as Record<string, unknown>;
  for (const field of SAFE_DRIVER_FIELDS) if (typeof fields[field] === 'string' || typeof fields[field] === 'number') serialized[field] = fields[field];
  const driverError = fields.driverError;
  if (driverError && typeof driverError === 'object') {
    const driver: Record<string, unknown> = {};
    for (const field of SAFE_DRIVER_FIELDS) {
      const value = (driverError as Record<string, unknown>)[field];
      if (typeof value === 'string' || typeof value === 'number') driver[field] = value;
    }
    serialized.driver = driver;
  }
  if (fields.cause !== undefined && depth < 3) serialized.cause = serializeError(fields.cause, depth + 1);
  return serialized;
}
