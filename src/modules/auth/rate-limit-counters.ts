import { hash } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedStatement, type PreparedStatement } from '../../database/prepared-statement.js';
import { RateLimitCounterEntity } from './entities/rate-limit-counter.entity.js';

/** One counter after a hit: how many hits its window holds, and when the window ends (ms). */
export interface CounterState {
  readonly hits: number;
  readonly resetsAt: number;
}

/** Where the brute-force counters live; an interface so the guard's rules are unit-tested without a database. */
export interface CounterStore {
  /**
   * Counts one hit on each of `keys` (distinct) in a fixed window of `windowMs`, starting a new
   * window where the last one ended; the states come back in the order of the keys.
   */
  hit(keys: readonly string[], now: number, windowMs: number): Promise<CounterState[]>;
}

/*
 * All the counters of an attempt in one statement, atomic on both engines: several instances
 * hitting one counter at once each get a distinct count, so together they allow exactly the limit.
 * One statement rather than one per counter because a sign-in storm on PostgreSQL pays each
 * statement with a round trip, a commit and a server process's turn on the CPU. `"key"` is quoted:
 * it is a keyword.
 *
 * The text depends on the number of keys only and every value is bound: one statement per key
 * count, prepared once. Through TypeORM's escaping, a SQLite statement would carry the attempt's
 * numbers in its text, new for every attempt: compiled again on the event loop each time, and
 * pushing the other queries out of TypeORM's statement cache. Each :param may appear once, hence a
 * `now` per comparison; a new window's end is the inserted row's (`excluded`).
 */
function hitStatement(rows: number): string {
  const values = Array.from({ length: rows }, (_, i) => `(:key${i}, 1, :resetsAt${i})`).join(', ');
  return `
  INSERT INTO rate_limit_counters ("key", hits, resets_at) VALUES ${values}
  ON CONFLICT ("key") DO UPDATE SET
    hits = CASE WHEN rate_limit_counters.resets_at <= :nowForHits THEN 1 ELSE rate_limit_counters.hits + 1 END,
    resets_at = CASE WHEN rate_limit_counters.resets_at <= :nowForWindow THEN excluded.resets_at ELSE rate_limit_counters.resets_at END
  RETURNING "key", hits, resets_at`;
}

type HitRow = { key: string; hits: number | string; resets_at: number | string };

/** Keys are stored as digests: the table holds no address or email. */
function digestOf(key: string): string {
  return hash('sha256', key, 'hex');
}

const PRUNE_SQLITE = 'DELETE FROM rate_limit_counters WHERE resets_at <= :now RETURNING "key"';
const PRUNE_POSTGRES = `
  DELETE FROM rate_limit_counters
   WHERE "key" IN (SELECT "key" FROM rate_limit_counters WHERE resets_at <= :now FOR UPDATE SKIP LOCKED)
  RETURNING "key"`;

/** How often an instance deletes ended windows, so the table follows recent callers only. */
const PRUNE_INTERVAL_MS = 60_000;

/**
 * The counters in the shared database (CONTRACT.md §12: limits hold across instances). Keys are
 * stored as SHA-256 digests: the table holds no address or email.
 */
@Injectable()
export class RateLimitCounters implements CounterStore {
  private nextPruneAt = 0;
  /** The hit statement for each key count met so far (an attempt has one or two keys). */
  private readonly hitStatements = new Map<number, PreparedStatement<Record<string, unknown>>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(keys: readonly string[], now: number, windowMs: number): Promise<CounterState[]> {
    // An INSERT needs at least one row; no key, nothing counted.
    if (keys.length === 0) return [];
    this.pruneNowAndThen(now);
    // In digest order, the same for every statement: PostgreSQL locks the rows in the order given,
    // so two attempts that share counters always take their locks in one order and cannot deadlock.
    const digests = keys.map(digestOf);
    const ordered = [...digests].sort();
    const params: Record<string, unknown> = { nowForHits: now, nowForWindow: now };
    ordered.forEach((digest, i) => {
      params[`key${i}`] = digest;
      params[`resetsAt${i}`] = now + windowMs;
    });
    const rows = (await this.hitStatementFor(ordered.length)(params)) as HitRow[];
    const byDigest = new Map(rows.map((row) => [row.key, { hits: Number(row.hits), resetsAt: Number(row.resets_at) }]));
    return digests.map((digest) => {
      const state = byDigest.get(digest);
      if (!state) throw new Error('a rate-limit counter was not returned by its upsert');
      return state;
    });
  }

  /**
   * Runs outside any transaction, on the data source's own connection(s), as a guard's statement
   * always has. On SQLite the hits of one turn of the event loop commit together.
   */
  private hitStatementFor(rows: number): PreparedStatement<Record<string, unknown>> {
    let statement = this.hitStatements.get(rows);
    if (!statement) {
      statement = preparedStatement(this.dataSource, `plano_rate_limit_hit_${rows}`, hitStatement(rows), { groupCommit: true });
      this.hitStatements.set(rows, statement);
    }
    return statement;
  }

  /**
   * Deletes the windows that ended by `now`; answers how many. Rows an attempt is updating at
   * that moment are skipped (PostgreSQL: `SKIP LOCKED`), not waited for: the prune locks rows in
   * the table's order and an attempt locks its counters in digest order, so waiting could close a
   * circle, which PostgreSQL breaks by failing one of the two — an attempt, as like as not.
   * SQLite has one writer at a time and no row locks.
   */
  async prune(now: number): Promise<number> {
    const sql = this.dataSource.options.type === 'postgres' ? PRUNE_POSTGRES : PRUNE_SQLITE;
    const [query, parameters] = this.dataSource.driver.escapeQueryWithParameters(sql, { now });
    const runner = this.dataSource.createQueryRunner();
    try {
      // The structured result: the engines' plain answers to a DELETE differ (PostgreSQL's is [rows, count]).
      return (await runner.query(query, parameters, true)).records.length;
    } finally {
      await runner.release();
    }
  }

  /** Best effort, off the request's path: a failed prune only leaves rows for the next one. */
  private pruneNowAndThen(now: number): void {
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + PRUNE_INTERVAL_MS;
    void this.prune(now).catch(() => undefined);
  }
}

/** The entities this module owns, for the list the data source is built from. */
export const RATE_LIMIT_ENTITIES = [RateLimitCounterEntity];

/** Global, because the rate-limit guard is global (AuthModule) and its counters are used from there. */
@Global()
@Module({ providers: [RateLimitCounters], exports: [RateLimitCounters] })
export class RateLimitModule {}
