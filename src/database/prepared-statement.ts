import type { DataSource } from 'typeorm';

/** Runs one SQL text with positional params and answers its rows. */
export type PreparedStatement = (params: readonly unknown[]) => Promise<Array<Record<string, unknown>>>;

interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): Array<Record<string, unknown>> };
}

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/**
 * One statement prepared on the driver itself, for the query every request runs (the token
 * check): no query runner, no ORM bookkeeping per call. On SQLite it is a better-sqlite3 statement
 * compiled once; on PostgreSQL a named statement, which each pool connection parses once and then
 * only binds. It runs outside any transaction, on the data source's own connection(s), with the
 * pool's settings (timeouts) as every other query: use it for reads that need no transaction.
 *
 * `sql` is written in the driver's placeholder spelling ($1 … or ?). Prepared on first use, when
 * the data source is surely connected.
 */
export function preparedStatement(dataSource: DataSource, name: string, sql: string): PreparedStatement {
  if (dataSource.options.type === 'postgres') {
    const pool = (dataSource.driver as unknown as { master: PgPool }).master;
    return async (params) => (await pool.query({ name, text: sql, values: [...params] })).rows;
  }
  let statement: ReturnType<SqliteDatabase['prepare']> | undefined;
  return async (params) => {
    statement ??= (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection.prepare(sql);
    return statement.all(...params);
  };
}
