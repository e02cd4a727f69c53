import { createHash } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RateLimitCounterEntity } from './entities/rate-limit-counter.entity.js';

/** One counter after a hit: how many hits its window holds, and when the window ends (ms). */
export interface CounterState {
  readonly hits: number;
  readonly resetsAt: number;
}

/** Where the brute-force counters live; an interface so the guard's rules are unit-tested without a database. */
export interface CounterStore {
  /** Counts one hit on `key` in a fixed window of `windowMs`, starting a new window if the last one ended. */
  hit(key: string, now: number, windowMs: number): Promise<CounterState>;
}

/*
 * One statement, atomic on both engines: several instances hitting one counter at once each get a
 * distinct count, so together they allow exactly the limit. `"key"` is quoted: it is a keyword.
 */
const HIT = `
  INSERT INTO rate_limit_counters ("key", hits, resets_at) VALUES (:key, 1, :resetsAt)
  ON CONFLICT ("key") DO UPDATE SET
    hits = CASE WHEN rate_limit_counters.resets_at <= :now THEN 1 ELSE rate_limit_counters.hits + 1 END,
    resets_at = CASE WHEN rate_limit_counters.resets_at <= :now THEN :resetsAt ELSE rate_limit_counters.resets_at END
  RETURNING hits, resets_at`;

/** How often an instance deletes ended windows, so the table follows recent callers only. */
const PRUNE_INTERVAL_MS = 60_000;

/**
 * The counters in the shared database (CONTRACT.md §12: limits hold across instances). Keys are
 * stored as SHA-256 digests: the table holds no address or email.
 */
@Injectable()
export class RateLimitCounters implements CounterStore {
  private nextPruneAt = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(key: string, now: number, windowMs: number): Promise<CounterState> {
    this.pruneNowAndThen(now);
    const digest = createHash('sha256').update(key).digest('hex');
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(HIT, { key: digest, now, resetsAt: now + windowMs });
    const rows = (await this.dataSource.query(sql, parameters)) as Array<{ hits: number | string; resets_at: number | string }>;
    return { hits: Number(rows[0].hits), resetsAt: Number(rows[0].resets_at) };
  }

  /** Best effort, off the request's path: a failed prune only leaves rows for the next one. */
  private pruneNowAndThen(now: number): void {
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + PRUNE_INTERVAL_MS;
    void this.dataSource
      .createQueryBuilder()
      .delete()
      .from('rate_limit_counters')
      .where('resets_at <= :now', { now })
      .execute()
      .catch(() => undefined);
  }
}

/** The entities this module owns, for the list the data source is built from. */
export const RATE_LIMIT_ENTITIES = [RateLimitCounterEntity];

/** Global, because the rate-limit guard is global (AuthModule) and its counters are used from there. */
@Global()
@Module({ providers: [RateLimitCounters], exports: [RateLimitCounters] })
export class RateLimitModule {}
