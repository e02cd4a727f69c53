import { registerAs, type ConfigType } from '@nestjs/config';
import { ConfigError, EnvReader, type Env } from './env.js';

export type DatabaseEngine = 'sqlite' | 'postgres';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/plano.sqlite';

export function readDatabaseConfig(env: Env = process.env) {
  const read = new EnvReader(env);
  const url = read.string('DATABASE_URL', DEFAULT_DATABASE_URL);
  return {
    url,
    engine: databaseEngineOf(url),
    /** Apply pending migrations at start; operators who migrate as a deploy step turn it off. */
    runMigrations: read.bool('DATABASE_RUN_MIGRATIONS', true),
    /** SQLite: how long a writer waits for another writer's lock before failing. */
    busyTimeoutMs: read.int('DATABASE_BUSY_TIMEOUT_MS', 5000, { min: 0, max: 600_000 }),
    /**
     * SQLite: when a commit waits for the disk (PRAGMA synchronous, in WAL mode). `normal` syncs the
     * log at checkpoints only: a crash of the process loses nothing, a power loss or OS crash may
     * lose the last commits (never the file's consistency). `full` syncs at every commit: nothing
     * committed is lost, and every write waits for the disk (README "Performance").
     */
    sqliteSynchronous: read.oneOf('DATABASE_SQLITE_SYNCHRONOUS', ['normal', 'full'], 'normal'),
    /** PostgreSQL: connections per instance. */
    poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    /**
     * PostgreSQL: how long a request waits for a free pool connection before it fails
     * (application-crash). Without it a saturated pool queues requests forever.
     */
    poolTimeoutMs: read.int('DATABASE_POOL_TIMEOUT_MS', 5000, { min: 100, max: 600_000 }),
    /** PostgreSQL: the server cancels any statement running longer than this. */
    statementTimeoutMs: read.int('DATABASE_STATEMENT_TIMEOUT_MS', 10_000, { min: 100, max: 3_600_000 }),
    /**
     * PostgreSQL: the server ends a session that sits inside an open transaction doing nothing for
     * this long, so a stuck request cannot hold locks and a connection indefinitely.
     */
    idleInTransactionTimeoutMs: read.int('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, { min: 100, max: 3_600_000 }),
  };
}

export function databaseEngineOf(url: string): DatabaseEngine {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new ConfigError('DATABASE_URL', 'must start with sqlite: or postgres://', redactUrl(url));
}

/** The path of a `sqlite:<file>` URL. */
export function sqliteFileOf(url: string): string {
  const file = url.slice('sqlite:'.length);
  if (file === '') throw new ConfigError('DATABASE_URL', 'must name a file after sqlite:', url);
  return file;
}

/** A URL fit for an error message: the password, if any, replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

export const databaseConfig = registerAs('database', () => readDatabaseConfig());
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
