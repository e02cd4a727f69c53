import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the engine under test, for one test app (or a few sharing it). */
export async function createTestDatabase(): Promise<TestDatabase> {
  return process.env.PLANO_TEST_ENGINE === 'postgres' ? createPostgresDatabase() : createSqliteDatabase();
}

export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.PLANO_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const directory = await mkdtemp(join(tmpdir(), 'plano-e2e-'));
  return {
    url: `sqlite:${join(directory, 'plano.sqlite')}`,
    drop: () => rm(directory, { recursive: true, force: true }),
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.PLANO_TEST_POSTGRES_URL as string;
  const name = `plano_e2e_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient(adminUrl, (client) => dropDatabase(client, name)),
  };
}

/**
 * Drops a test database that app connections may still hold. Not `WITH (FORCE)`: that refuses
 * when an autovacuum worker happens to be in the database ("must be a member of the role whose
 * process is being terminated"), which a busy suite hits now and then. Instead our own role's
 * connections are ended, and a plain DROP, which stops autovacuum by itself, is retried briefly
 * while a connection is still closing.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()', [name]);
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      const beingAccessed = (error as { code?: string }).code === '55006';
      if (!beingAccessed || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
