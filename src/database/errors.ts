import { QueryFailedError } from 'typeorm';

/** A unique constraint refused the write (SQLite and PostgreSQL report it differently). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Network-level failures: the database server is not there (or stopped answering). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs of a server that refuses or ends connections: class 08 (connection
 * exception), admin/crash shutdown, cannot connect now, too many connections, and a database
 * that accepts no connections (55000 with ALLOW_CONNECTIONS false, 3D000 dropped, 42501 CONNECT
 * revoked: the last two only when a connection is being opened).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection error|is not currently accepting connections|Cannot use a pool after calling end|permission denied for database|database ".*" does not exist|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Whether `error` says the database is unavailable (down, unreachable, refusing connections, or
 * no pool connection free within DATABASE_POOL_TIMEOUT_MS) rather than that one query was wrong.
 * Such failures are an outage, reported once (DatabaseOutages), not a crash per request.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Thrown where the database was found unavailable without a driver error to show for it (a failed health ping). */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}
