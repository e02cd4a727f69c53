import { Column, getMetadataArgsStorage, type ColumnOptions, type ColumnType, type QueryRunner } from 'typeorm';
import type { DatabaseEngine } from '../config/database.config.js';

/*
 * Entity timestamp columns have no type both engines accept: TypeORM validates column types per
 * driver, SQLite knows `datetime` (stored as UTC text), PostgreSQL should use `timestamptz` (a
 * plain `timestamp` would follow the server's time zone). The decorator runs when the entity class
 * is defined, before any config is read, so it cannot know the engine: TimestampColumn leaves a
 * placeholder and remembers the column, and dataSourceOptions() sets the engine's type on those
 * columns (typeTimestampColumns). TypeORM copies column types into its metadata only when a data
 * source is initialized, so that is in time, and nothing reads DATABASE_URL at import time.
 */

/**
 * No driver's type: a data source built without dataSourceOptions() fails to initialize naming it
 * (DataTypeNotSupportedError), rather than getting a type meant for another engine.
 */
const UNTYPED = 'timestamp (typed by dataSourceOptions)' as ColumnType;

type ColumnArgs = ReturnType<typeof getMetadataArgsStorage>['columns'][number];

/** The TimestampColumn columns, as TypeORM's process-wide metadata args hold them. */
const timestampColumns: ColumnArgs[] = [];

/** The engine the timestamp columns are typed for; unset until the first data source is built. */
let typedFor: DatabaseEngine | undefined;

export function timestampType(engine: DatabaseEngine): 'datetime' | 'timestamptz' {
  return engine === 'postgres' ? 'timestamptz' : 'datetime';
}

/**
 * Types every timestamp column for `engine`, before TypeORM builds the metadata. The metadata args
 * are shared by the whole process, so one process serves one engine: a data source of the other
 * engine is refused here, instead of retyping the columns under one that may still be starting.
 */
export function typeTimestampColumns(engine: DatabaseEngine): void {
  if (typedFor !== undefined && typedFor !== engine) {
    throw new Error(`The entities' timestamp columns are typed for ${typedFor}: this process cannot also open a ${engine} data source.`);
  }
  typedFor = engine;
  for (const args of timestampColumns) args.options.type = timestampType(engine);
}

/** A UTC timestamp column. Values are set by the application's Clock, never by a database default. */
export function TimestampColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return (prototype, propertyName) => {
    Column({ ...options, type: typedFor ? timestampType(typedFor) : UNTYPED })(prototype, propertyName);
    const args = getMetadataArgsStorage().columns.findLast((column) => column.target === prototype.constructor && column.propertyName === propertyName);
    if (args) timestampColumns.push(args);
  };
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
