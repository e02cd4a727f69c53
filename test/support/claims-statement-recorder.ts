import type { DataSource } from 'typeorm';
import { requestContext } from '../../src/common/request/request-state.js';

/** One statement the database driver was given, and the request being served when it was. */
export interface RecordedStatement {
  readonly sql: string;
  /** The X-Request-Id of the request whose work issued it; undefined for background work (pollers, sweeps). */
  readonly requestId: string | undefined;
}

export interface StatementRecorder {
  readonly statements: RecordedStatement[];
  /** Statements issued while serving the request with this id. */
  of(requestId: string): string[];
  stop(): void;
}

/**
 * Records every statement the app's database driver executes until stop(). It listens below
 * TypeORM — pg's `Client#query`, better-sqlite3's `Statement#all/get/run/iterate` and
 * `Database#exec` — so a query that went around TypeORM's query runner, or a prepared statement
 * TypeORM reuses from its cache, is counted all the same. Each statement is tagged with the
 * request being served (the pipeline's async request context), so background work that happens
 * to run meanwhile, like the registry's version poll, is told apart rather than filtered by text.
 */
export function recordStatements(dataSource: DataSource): StatementRecorder {
  const statements: RecordedStatement[] = [];
  const record = (sql: string) => statements.push({ sql, requestId: requestContext.getStore()?.requestId });
  const restores =
    dataSource.options.type === 'postgres' ? spyOnPostgres(dataSource, record) : spyOnSqlite(dataSource, record);
  return {
    statements,
    of: (requestId) => statements.filter((statement) => statement.requestId === requestId).map((statement) => statement.sql),
    stop: () => {
      for (const restore of restores) restore();
    },
  };
}

type Method = (...args: unknown[]) => unknown;

function spyOnPostgres(dataSource: DataSource, record: (sql: string) => void): Array<() => void> {
  // pg-pool keeps the Client class it makes connections with; TypeORM's pool is `driver.master`.
  const pool = (dataSource.driver as unknown as { master: { Client: { prototype: Record<string, Method> } } }).master;
  return [
    wrap(pool.Client.prototype, 'query', (_client, args) => {
      const [query] = args as [string | { text: string }];
      record(typeof query === 'string' ? query : query.text);
    }),
  ];
}

function spyOnSqlite(dataSource: DataSource, record: (sql: string) => void): Array<() => void> {
  const database = (dataSource.driver as unknown as { databaseConnection: Record<string, Method> & { prepare(sql: string): object } })
    .databaseConnection;
  const statementPrototype = Object.getPrototypeOf(database.prepare('SELECT 1')) as Record<string, Method>;
  const databasePrototype = Object.getPrototypeOf(database) as Record<string, Method>;
  const fromStatement = (statement: unknown) => record((statement as { source: string }).source);
  return [
    ...(['all', 'get', 'run', 'iterate'] as const).map((method) => wrap(statementPrototype, method, fromStatement)),
    wrap(databasePrototype, 'exec', (_database, args) => record(String(args[0]))),
  ];
}

/** Calls `before` ahead of each call of `target[method]`; answers how to put the original back. */
function wrap(target: Record<string, Method>, method: string, before: (self: unknown, args: unknown[]) => void): () => void {
  const original = target[method];
  target[method] = function (this: unknown, ...args: unknown[]) {
    before(this, args);
    return original.apply(this, args);
  };
  return () => {
    target[method] = original;
  };
}
