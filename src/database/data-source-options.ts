import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/database.config.js';
import { sqliteFileOf } from '../config/database.config.js';
import { typeTimestampColumns } from './columns.js';
import { MIGRATIONS } from './migrations/index.js';

type Entities = NonNullable<DataSourceOptions['entities']>;

/**
 * The one description of the data source, shared by the app (TypeOrmModule) and the TypeORM CLI
 * (ormconfig.ts), so both always see the same entities, migrations and engine settings. The
 * entities come from the caller (src/entities.ts, the composition root): each feature module owns
 * its own, and database/ knows none of them.
 */
export function dataSourceOptions(config: DatabaseConfig, entities: Entities): DataSourceOptions {
  // Before TypeORM reads the entities' metadata, which happens when the data source initializes.
  typeTimestampColumns(config.engine);
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: config.runMigrations,
    // Each migration in its own transaction: a failure leaves the schema at the last good step.
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
  } as const;

  if (config.engine === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.url,
      extra: {
        max: config.poolSize,
        // pg-pool applies this both to opening a connection and to waiting for a free one.
        connectionTimeoutMillis: config.poolTimeoutMs,
        // Sent as startup parameters of every connection: the server enforces them.
        statement_timeout: config.statementTimeoutMs,
        idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs,
      },
    };
  }

  return {
    ...common,
    type: 'better-sqlite3',
    database: sqliteFileOf(config.url),
    // WAL lets readers proceed while one writer commits; the timeout makes a second writer wait
    // for the lock instead of failing at once with SQLITE_BUSY.
    enableWAL: true,
    timeout: config.busyTimeoutMs,
    // Per connection, so set as each one opens (see DATABASE_SQLITE_SYNCHRONOUS).
    prepareDatabase: (database: { pragma(source: string): unknown }) => {
      database.pragma(`synchronous = ${config.sqliteSynchronous.toUpperCase()}`);
    },
  };
}
