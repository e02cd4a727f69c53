/** Params whose values are secrets: never written to a log line, a notification or a response. */
const SECRET_PARAM = /^(token|password|current_password|new_password|code|authorization|api_key|apikey|secret)$/i;

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
      copy[key] = SECRET_PARAM.test(key) ? REDACTED : redactParams(item, depth + 1);
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
];
