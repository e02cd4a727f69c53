// The bench databases: a temp SQLite file, or a temp PostgreSQL database made with an admin URL;
// each made empty for a round (the server migrates it at start, the seed fills it) and removed after.
//
// Both can bulk-insert sessions straight with SQL, for the "10^6 sessions" scenario: through the
// API that would take argon2 hours; one INSERT … SELECT in one transaction takes seconds. Both can
// make a twin, a copy taken just before that insert: the empty table the grown one is measured
// in turns with.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The columns every extra session fills (src/database/migrations: the others are nullable). */
const SESSION_COLUMNS = 'user_id, application_id, token_hash, created_at, last_used_at, ip, user_agent';

export function createSqliteDatabase() {
  const directory = mkdtempSync(join(tmpdir(), 'plano-bench-'));
  const file = join(directory, 'bench.sqlite');
  return {
    engine: 'sqlite',
    url: `sqlite:${file}`,
    async insertSessions(count) {
      const db = new Database(file);
      try {
        // One statement, so one transaction. Sessions go round-robin to the seeded users and the
        // applications; token_hash is unique (random hex, then the row number in hex) and random
        // in its leading characters like a real SHA-256, so the index is filled as in production.
        // Timestamps in the spelling TypeORM stores on SQLite ('YYYY-MM-DD HH:MM:SS.SSS', UTC).
        db.prepare(
          `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?),
                u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users),
                a AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM applications)
           INSERT INTO sessions (${SESSION_COLUMNS})
           SELECT u.id, a.id, lower(hex(randomblob(24))) || printf('%016x', n.i),
                  strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now'),
                  '127.0.0.1', 'plano-bench'
             FROM n
             JOIN u ON u.k = n.i % (SELECT count(*) FROM u)
             JOIN a ON a.k = n.i % (SELECT count(*) FROM a)`,
        ).run(count);
        return countSessions(db.prepare('SELECT count(*) AS n FROM sessions').get());
      } finally {
        db.close();
      }
    },
    // SQLite gathers no planner statistics unless told to, and the app never tells it: nothing to do.
    async afterSeed() {},
    // A page-for-page copy (SQLite's online backup, not VACUUM INTO: the same layout, unpacked).
    async twin() {
      const copy = join(directory, 'twin.sqlite');
      const db = new Database(file);
      try {
        await db.backup(copy);
      } finally {
        db.close();
      }
      return { engine: 'sqlite', url: `sqlite:${copy}` }; // removed with the directory
    },
    async drop() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function createPostgresDatabase(adminUrl) {
  const name = `plano_bench_${process.pid}_${Date.now().toString(36)}`;
  /** The copy twin() makes, dropped with the original. */
  const twinName = `${name}_twin`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    url: url.toString(),
    // A fresh database has no planner statistics until autovacuum's first pass (up to a minute
    // later, maybe mid-scenario). Analyzed now, the empty-table run is planned as on a database in
    // service, like the grown table (analyzed after its insert): the two differ only by the rows.
    async afterSeed() {
      await withClient(url.toString(), (client) => client.query('ANALYZE'));
    },
    // A file-level copy (CREATE DATABASE … TEMPLATE), with the planner statistics of the original.
    async twin() {
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${twinName} TEMPLATE ${name}`));
      const twinUrl = new URL(url);
      twinUrl.pathname = `/${twinName}`;
      return { engine: 'postgres', url: twinUrl.toString() }; // dropped with the original
    },
    async insertSessions(count) {
      return withClient(url.toString(), async (client) => {
        // As on SQLite: round-robin users and applications, a unique random-looking token_hash.
        await client.query(
          `INSERT INTO sessions (${SESSION_COLUMNS})
           SELECT u.ids[1 + g % cardinality(u.ids)], a.ids[1 + g % cardinality(a.ids)],
                  md5(random()::text) || lpad(to_hex(g), 32, '0'), now(), now(), '127.0.0.1', 'plano-bench'
             FROM generate_series(0, $1::int - 1) AS g,
                  (SELECT array_agg(id ORDER BY id) AS ids FROM users) AS u,
                  (SELECT array_agg(id ORDER BY id) AS ids FROM applications) AS a`,
          [count],
        );
        // Autovacuum would analyze the grown table on its own within a minute or so; done now so
        // that it does not happen in the middle of the measured window.
        await client.query('ANALYZE sessions');
        return countSessions((await client.query('SELECT count(*) AS n FROM sessions')).rows[0]);
      });
    },
    async drop() {
      // WITH (FORCE): a server killed by an interrupted run may have left connections behind.
      await withClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${twinName} WITH (FORCE)`);
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

async function withClient(connectionString, work) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function countSessions(row) {
  return Number(row.n);
}
