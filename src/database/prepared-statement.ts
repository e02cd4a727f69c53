import type { DataSource } from 'typeorm';
import { groupedPerTurn, type WriteOutcome } from './group-commit.js';

type Row = Record<string, unknown>;

/** Runs one SQL text with the given named params and answers its rows (those of RETURNING, for a write). */
export type PreparedStatement<Params extends Record<string, unknown>> = (params: Params) => Promise<Row[]>;

interface SqliteStatement {
  all(...params: unknown[]): Row[];
}

interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  transaction<T>(work: () => T): () => T;
  readonly inTransaction: boolean;
}

export interface PreparedStatementOptions {
  /**
   * SQLite: a single-statement write whose calls in one turn of the event loop commit together, in
   * one transaction, just after the turn. See `groupCommitted`. No effect on PostgreSQL.
   */
  readonly groupCommit?: boolean;
}

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * One statement prepared on the driver itself, for the queries every request of a hot route runs
 * (the token check, the XSO code insert): no query runner, no query building, no ORM bookkeeping
 * per call. On SQLite it is a better-sqlite3 statement compiled once; on PostgreSQL a named
 * statement, which each pool connection parses once and then only binds. It runs outside any
 * transaction, on the data source's own connection(s), with the pool's settings (timeouts) as every
 * other query: use it for reads that need no transaction and for single-statement writes.
 *
 * `sql` names its params `:name`, each used once; values are passed as the engine's columns store
 * them, as TypeORM would (SQLite: a Date as UTC text, a boolean as 0/1). Prepared on first use,
 * when the data source is surely connected.
 */
export function preparedStatement<Params extends Record<string, unknown>>(
  dataSource: DataSource,
  name: string,
  sql: string,
  options: PreparedStatementOptions = {},
): PreparedStatement<Params> {
  const names = [...sql.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);
  if (new Set(names).size !== names.length) throw new Error(`${name}: each :param may appear once`);
  // The driver's own placeholders ($1 … or ?), in the order the names appear.
  const [text] = dataSource.driver.escapeQueryWithParameters(sql, Object.fromEntries(names.map((param) => [param, param])));
  const valuesOf = (params: Params) => names.map((param) => params[param]);

  if (dataSource.options.type === 'postgres') {
    const pool = (dataSource.driver as unknown as { master: PgPool }).master;
    return async (params) => (await pool.query({ name, text, values: valuesOf(params) })).rows;
  }
  const database = () => (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
  let statement: SqliteStatement | undefined;
  const prepared = () => (statement ??= database().prepare(text));
  const sqliteValuesOf = (params: Params) => valuesOf(params).map(sqliteValue);
  if (options.groupCommit) return groupCommitted(database, prepared, sqliteValuesOf);
  return async (params) => prepared().all(...sqliteValuesOf(params));
}

/**
 * SQLite commits each statement outside a transaction on its own: a WAL append and the
 * bookkeeping of a commit, which cost an INSERT as much as the row itself, and every so often a
 * checkpoint's fsync, all on the event loop. Grouped per turn, the writes of one turn commit in one
 * transaction; if it fails, none of them is committed and each fails with its error.
 *
 * While another transaction is open on the connection (TypeORM's, between its statements) the
 * writes run one by one, each with its own outcome, as they would have without grouping: a batch
 * must not become a savepoint of someone else's transaction.
 */
function groupCommitted<Params>(
  database: () => SqliteDatabase,
  prepared: () => SqliteStatement,
  valuesOf: (params: Params) => unknown[],
): PreparedStatement<Params & Record<string, unknown>> {
  const write = groupedPerTurn<unknown[], Row[]>((batch) => {
    const db = database();
    if (db.inTransaction || batch.length === 1) {
      return batch.map((values): WriteOutcome<Row[]> => {
        try {
          return { ok: true, value: prepared().all(...values) };
        } catch (error) {
          return { ok: false, error };
        }
      });
    }
    return db.transaction(() => batch.map((values) => ({ ok: true as const, value: prepared().all(...values) })))();
  });
  return (params) => write(valuesOf(params));
}

/** A value as TypeORM stores it in SQLite: timestamps as UTC text ('2026-01-15 09:00:00.000'), booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
