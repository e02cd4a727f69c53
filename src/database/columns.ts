import { Column, type ColumnOptions, type QueryRunner } from 'typeorm';
import { databaseEngineOf, DEFAULT_DATABASE_URL, type DatabaseEngine } from '../config/database.config.js';

/**
 * The engine entity timestamp columns are declared for. TypeORM validates column types per driver
 * when the data source starts, and there is no timestamp type both engines accept: SQLite knows
 * `datetime` (stored as UTC text), PostgreSQL should use `timestamptz` (a plain `timestamp` would
 * follow the server's time zone). Decorators run when the entity class is defined, before any
 * Nest config exists, so this reads DATABASE_URL once; `assertEntityEngine` then refuses a data
 * source whose engine differs, instead of failing later on a type error.
 */
const entityEngine: DatabaseEngine = databaseEngineOf(
  process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
);

export function assertEntityEngine(engine: DatabaseEngine): void {
  if (engine !== entityEngine) {
    throw new Error(
      `The entities were loaded for ${entityEngine} but the data source is ${engine}: ` +
        'set DATABASE_URL before the process starts, not after.',
    );
  }
}

export function timestampType(engine: DatabaseEngine): 'datetime' | 'timestamptz' {
  return engine === 'postgres' ? 'timestamptz' : 'datetime';
}

/** A UTC timestamp column. Values are set by the application's Clock, never by a database default. */
export function TimestampColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ ...options, type: timestampType(entityEngine) });
}

/** For migrations: the timestamp type of the engine the migration runs on. */
export function migrationTimestampType(queryRunner: QueryRunner): 'datetime' | 'timestamptz' {
  return timestampType(queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite');
}

/** For migrations: a boolean column default, spelled the way each engine reports it back. */
export function migrationBooleanDefault(queryRunner: QueryRunner, value: boolean): string {
  if (queryRunner.connection.options.type === 'postgres') return value ? 'true' : 'false';
  return value ? '1' : '0';
}
