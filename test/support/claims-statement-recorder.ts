import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { wrap, type Method } from './wrap-method.js';

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
 * request being served — the X-Request-Id it was sent with, carried through the app's async calls
 * by an AsyncLocalStorage entered around the HTTP server's request handler (the app itself keeps
 * none: README "Performance") — so background work that happens to run meanwhile, like the
 * registry's version poll, is told apart rather than filtered by text.
 */
export function recordStatements(dataSource: DataSource, server: Server): StatementRecorder {
  const statements: RecordedStatement[] = [];
  const serving = new AsyncLocalStorage<string | undefined>();
  const record = (sql: string) => statements.push({ sql, requestId: serving.getStore() });
  const restores = [
    tagRequests(server, serving),
    ...(dataSource.options.type === 'postgres' ? spyOnPostgres(dataSource, record) : spyOnSqlite(dataSource, record)),
  ];
  return {
    statements,
    of: (requestId) => statements.filter((statement) => statement.requestId === requestId).map((statement) => statement.sql),
    stop: () => {
      for (const restore of restores) restore();
    },
  };
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** Runs the server's request handlers inside `serving`, holding the request's X-Request-Id. */
function tagRequests(server: Server, serving: AsyncLocalStorage<string | undefined>): () => void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const requestId = request.headers['x-request-id'];
    serving.run(typeof requestId === 'string' ? requestId : undefined, () => {
      for (const listener of listeners) listener.call(server, request, response);
    });
  });
  return () => {
    server.removeAllListeners('request');
    for (const listener of listeners) server.on('request', listener);
  };
}

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
