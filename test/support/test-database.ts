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
    drop: async () => {
      await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
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
