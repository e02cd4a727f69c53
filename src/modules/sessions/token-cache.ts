import { Inject, Injectable } from '@nestjs/common';
import { WriteActivity } from '../../common/request/write-activity.js';
import { sessionsConfig, type SessionsConfig } from '../../config/sessions.config.js';

/** Live sessions kept at most: the oldest go first. About 1 KiB each. */
const MAX_ENTRIES = 10_000;

/** What is kept per token: the token check's answer (SessionsRepository's SessionWithOwner). */
interface CheckedSession {
  readonly session: { readonly id: number };
}

interface Entry<Found extends CheckedSession> {
  readonly found: Found;
  readonly storedAt: number;
  readonly generation: number;
}

/** A database read of one token, under way, and the write generation it started in. */
interface ReadUnderWay<Found extends CheckedSession> {
  readonly answer: Promise<Found | null>;
  readonly generation: number;
}

/**
 * The token check's answer for a live session, kept for SESSION_CACHE_TTL_MS (at most 1 s) so that
 * a burst of requests with one token reads the database once. It holds only what the database
 * said: expiry is still worked out on every request from the session's times, so a session expires
 * on time, cached or not.
 *
 * Changes this instance makes take effect at once: an entry is kept only if it was read while no
 * request that may write was under way, and is dropped as soon as one starts (WriteActivity's
 * generation). Changes other instances make — logout, revocation, a password change, roles — take
 * effect here within the TTL. Unknown or dead tokens are never kept, so guessing tokens fills
 * nothing.
 *
 * Requests that miss while a read of their token is already under way wait for that read instead of
 * starting their own, under the same rule as a kept answer (nothing that may write has started
 * since it began). When an entry runs out, the requests with its token that arrive before the next
 * answer would otherwise each go to the database: on PostgreSQL, a burst of round trips queued on
 * the pool every TTL, which the slowest of those requests wait out.
 */
@Injectable()
export class TokenCache<Found extends CheckedSession = CheckedSession> {
  private readonly entries = new Map<string, Entry<Found>>();
  private readonly readsUnderWay = new Map<string, ReadUnderWay<Found>>();
  private readonly ttlMs: number;

  constructor(
    private readonly writes: WriteActivity,
    @Inject(sessionsConfig.KEY) config: SessionsConfig,
  ) {
    this.ttlMs = config.cacheTtlMs;
  }

  /** The kept answer for this token hash, if it is still fresh. */
  get(tokenHash: string): Found | undefined {
    const entry = this.entries.get(tokenHash);
    if (entry === undefined) return undefined;
    if (entry.generation !== this.writes.generation || performance.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.found;
  }

  /** Taken before reading the database; `keep` stores the answer only if nothing was written meanwhile. */
  ticket(): number | null {
    return this.ttlMs > 0 && this.writes.quiet ? this.writes.generation : null;
  }

  keep(tokenHash: string, found: Found, ticket: number | null): void {
    if (ticket === null || ticket !== this.writes.generation || !this.writes.quiet) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tokenHash, { found, storedAt: performance.now(), generation: ticket });
  }

  /** The read of this token hash already under way, if nothing that may write has started since it began. */
  readUnderWay(tokenHash: string): Promise<Found | null> | undefined {
    const read = this.readsUnderWay.get(tokenHash);
    return read !== undefined && read.generation === this.writes.generation ? read.answer : undefined;
  }

  /** Offers a read just started with `ticket` to the requests that miss on the same token until it settles. */
  shareRead(tokenHash: string, answer: Promise<Found | null>, ticket: number | null): void {
    if (ticket === null) return;
    const read = { answer, generation: ticket };
    this.readsUnderWay.set(tokenHash, read);
    const settled = () => {
      if (this.readsUnderWay.get(tokenHash) === read) this.readsUnderWay.delete(tokenHash);
    };
    answer.then(settled, settled);
  }

  /** Drops the session's entry (the token check just marked it expired). */
  forgetSession(sessionId: number): void {
    for (const [tokenHash, entry] of this.entries) if (entry.found.session.id === sessionId) this.entries.delete(tokenHash);
  }
}
