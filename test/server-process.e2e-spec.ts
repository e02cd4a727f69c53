import { existsSync } from 'node:fs';
import { sqliteFileOf } from '../src/config/database.config.js';
import { ensureBuilt } from './support/server-instances.js';
import { freePort, startServerProcess, waitForOutput } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The real entry point, as `npm start` and a process manager run it. */
describe('the server process', () => {
  let database: TestDatabase;

  beforeAll(() => {
    ensureBuilt();
  }, 120_000);

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.drop();
  });

  it('npm start serves on PORT with DATABASE_URL, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = startServerProcess('node', ['dist/src/main.js'], { PORT: String(port), DATABASE_URL: database.url });
    try {
      await waitForOutput(server, (output) => output.includes('"msg":"listening"'));

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      await expect(health.json()).resolves.toMatchObject({ status: 'action-successful' });
      const docs = await fetch(`http://127.0.0.1:${port}/docs`);
      expect(docs.status).toBe(200);
      if (database.url.startsWith('sqlite:')) expect(existsSync(sqliteFileOf(database.url))).toBe(true);
    } finally {
      server.signal('SIGTERM');
    }
    await expect(server.exited).resolves.toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  }, 60_000);

  it('runs through `npm start` as the README says', async () => {
    const port = await freePort();
    const server = startServerProcess('npm', ['start', '--silent'], { PORT: String(port), DATABASE_URL: database.url });
    try {
      await waitForOutput(server, (output) => output.includes(`"url":"http://127.0.0.1:${port}"`), 90_000);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
    } finally {
      server.signal('SIGTERM');
      await server.exited;
    }
  }, 120_000);

  it.each([
    ['PORT', 'abc'],
    ['BODY_LIMIT_BYTES', '-5'],
    ['DATABASE_URL', 'mysql://root:hunter2@localhost/plano'],
    ['DATABASE_RUN_MIGRATIONS', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses to start with a bad %s, naming it and leaking no password', async (variable, value) => {
    const server = startServerProcess('node', ['dist/src/main.js'], { DATABASE_URL: database.url, [variable]: value });
    await expect(server.exited).resolves.toBe(1);
    const line = JSON.parse(server.output().trim().split('\n').at(-1) as string) as Record<string, string>;
    expect(line).toMatchObject({ level: 'fatal', msg: 'invalid configuration', variable });
    expect(line.error).toContain(variable);
    expect(server.output()).not.toContain('hunter2');
    expect(server.output()).not.toContain('    at ');
  }, 30_000);
});
