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

/** Field paths pino censors in every line, as a second net under redactParams. */
export const PINO_REDACT_PATHS = [
  'token',
  'password',
  'authorization',
  '*.token',
  '*.password',
  '*.authorization',
  '*.current_password',
  '*.new_password',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
];

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
