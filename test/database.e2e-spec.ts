import { DataSource } from 'typeorm';
import { readDatabaseConfig } from '../src/config/database.config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { ENTITIES } from '../src/entities.js';
import { createTestDatabase, testEngine, type TestDatabase } from './support/test-database.js';
import { createTestApp } from './support/test-app.js';

/** Schema by committed migrations only, on the engine under test. */
describe(`database (${testEngine()})`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      ...dataSourceOptions(readDatabaseConfig({ DATABASE_URL: database.url }), ENTITIES),
      migrationsRun: false,
    });
    await dataSource.initialize();
  });

  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  });

  (testEngine() === 'sqlite' ? it : it.skip)('SQLite commits in WAL mode with synchronous=NORMAL by default, FULL when configured', async () => {
    const pragma = async (source: DataSource, name: string) => Object.values((await source.query(`PRAGMA ${name}`))[0] as object)[0];
    expect(await pragma(dataSource, 'journal_mode')).toBe('wal');
    expect(await pragma(dataSource, 'synchronous')).toBe(1); // NORMAL
    const full = new DataSource({
      ...dataSourceOptions(readDatabaseConfig({ DATABASE_URL: database.url, DATABASE_SQLITE_SYNCHRONOUS: 'full' }), ENTITIES),
      migrationsRun: false,
    });
    await full.initialize();
    try {
      expect(await pragma(full, 'synchronous')).toBe(2); // FULL
    } finally {
      await full.destroy();
    }
  });

  it('the migrations build exactly the schema the entities describe', async () => {
    await dataSource.runMigrations();
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('every migration reverts cleanly, and runs again', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => migration.name));

    for (let i = 0; i < MIGRATIONS.length; i += 1) await dataSource.undoLastMigration();
    await expect(dataSource.createQueryRunner().hasTable('notifications')).resolves.toBe(false);

    await expect(dataSource.runMigrations()).resolves.toHaveLength(MIGRATIONS.length);
    await expect(dataSource.createQueryRunner().hasTable('notifications')).resolves.toBe(true);
  });

  it('the app applies pending migrations at start, and with DATABASE_RUN_MIGRATIONS=false leaves them to the operator', async () => {
    await dataSource.destroy();
    // Migrations off on an empty database: the app does not migrate, so it cannot start; and the
    // half-started app leaves nothing running (no sweep or poll timer firing later, no pool).
    const timersBefore = activeTimers();
    await expect(createTestApp({ database, env: { DATABASE_RUN_MIGRATIONS: 'false' } })).rejects.toThrow();
    // One-shot timers (the driver's, the previous test's teardown) come and go on their own; an
    // interval left behind (the bug this guards against: a sweep firing a minute later) never goes.
    expect(await timersSettleTo(timersBefore)).toBeLessThanOrEqual(timersBefore);
    const check = new DataSource({ ...dataSourceOptions(readDatabaseConfig({ DATABASE_URL: database.url }), ENTITIES), migrationsRun: false });
    await check.initialize();
    await expect(check.showMigrations()).resolves.toBe(true); // still pending
    await check.destroy();

    const withMigrations = await createTestApp({ database });
    await expect(withMigrations.dataSource.showMigrations()).resolves.toBe(false);
    await expect(withMigrations.dataSource.createQueryRunner().hasTable('notifications')).resolves.toBe(true);
    await withMigrations.close();

    // Once migrated, an app with migrations off starts normally.
    const migrationsOff = await createTestApp({ database, env: { DATABASE_RUN_MIGRATIONS: 'false' } });
    await expect(migrationsOff.http.get('/health')).resolves.toMatchObject({ status: 200 });
    await migrationsOff.close();
  });
});

/** Timers keeping this process busy: a half-started app must not leave its interval timers behind. */
function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

/** The active timer count once it has dropped to `expected`, or after 3 s, whatever it is then. */
async function timersSettleTo(expected: number): Promise<number> {
  const deadline = Date.now() + 3_000;
  while (activeTimers() > expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return activeTimers();
}
