import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock.js';
import { isDatabaseUnavailable } from '../../database/errors.js';
import { NotificationsService } from './notifications.service.js';

/** How often, during an outage, the instance checks whether the database is back. */
export const OUTAGE_PROBE_INTERVAL_MS = 1000;

interface Outage {
  readonly firstAt: Date;
  lastAt: Date;
  failedRequests: number;
  readonly firstRequestId: string | null;
  readonly firstError: string;
}

/**
 * Database outages, reported once each (CONTRACT.md §12). While the database is unavailable every
 * request fails fast with application-crash; logging a stack and writing a notification for each
 * would flood the log and cannot reach the database anyway. Instead the first failure opens an
 * outage (one log line), later ones only count, and a probe every second notices the database is
 * back: then one notification records the outage (first and last failure, how many requests
 * failed) and one log line closes it.
 */
@Injectable()
export class DatabaseOutages implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private outage: Outage | null = null;
  private probe?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Whether an outage is under way on this instance. */
  get ongoing(): boolean {
    return this.outage !== null;
  }

  /**
   * Counts a request's failure against the current outage if `error` is the database being
   * unavailable (opening an outage if none is under way); answers whether it was.
   */
  absorb(error: unknown, requestId: string | null): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    const now = this.clock.now();
    if (this.outage) {
      this.outage.lastAt = now;
      this.outage.failedRequests += 1;
      return true;
    }
    const firstError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.outage = { firstAt: now, lastAt: now, failedRequests: 1, firstRequestId: requestId, firstError };
    this.logger.error({ msg: 'database unavailable: requests fail until it is back', request_id: requestId, error: firstError });
    this.probe = setInterval(() => void this.probeOnce(), OUTAGE_PROBE_INTERVAL_MS);
    this.probe.unref();
    return true;
  }

  onApplicationShutdown(): void {
    clearInterval(this.probe);
  }

  private probing = false;

  /** One `SELECT 1`; when it answers, the outage is over and is recorded. */
  async probeOnce(): Promise<void> {
    const outage = this.outage;
    if (!outage || this.probing) return;
    this.probing = true;
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      return; // still down
    } finally {
      this.probing = false;
    }
    this.outage = null;
    clearInterval(this.probe);
    const backAt = this.clock.now();
    this.logger.warn({ msg: 'database available again', failed_requests: outage.failedRequests, outage_ms: backAt.getTime() - outage.firstAt.getTime() });
    await this.notifications.record({
      kind: 'application-crash',
      route: null,
      requestId: outage.firstRequestId,
      message:
        `Database outage: unavailable from ${outage.firstAt.toISOString()} to at least ${outage.lastAt.toISOString()} ` +
        `(available again by ${backAt.toISOString()}); ${outage.failedRequests} request(s) failed with application-crash. ` +
        `First error: ${outage.firstError}`,
    });
  }
}
