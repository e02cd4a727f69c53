import type { DataSource } from 'typeorm';

type Row = Record<string, unknown>;

/** Runs one SQL text with the given named params and answers its rows (those of RETURNING, for a write). */
export type PreparedStatement<Params extends Record<string, unknown>> = (params: Params) => Promise<Row[]>;

interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): Row[] };
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
  let statement: ReturnType<SqliteDatabase['prepare']> | undefined;
  return async (params) => {
    statement ??= (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection.prepare(text);
    return statement.all(...valuesOf(params).map(sqliteValue));
  };
}

/** A value as TypeORM stores it in SQLite: timestamps as UTC text ('2026-01-15 09:00:00.000'), booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
