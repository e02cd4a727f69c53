import type { IndexQuery } from '../../common/index-query/index-spec.js';
import { Injectable, Logger } from '@nestjs/common';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import type { NotificationEntity } from './notification.entity.js';
import { NotificationsRepository } from './notifications.repository.js';

export interface NewNotification {
  readonly kind: string;
  readonly route: string | null;
  readonly requestId: string | null;
  readonly message: string;
}

/** A new notification, a repeat counted on an open one, or none (the write failed: see the log). */
export type RecordOutcome = 'recorded' | 'folded' | 'failed';


const MAX_MESSAGE_LENGTH = 2000;
/** Identical failures (kind, route, message) within this window fold into one notification. */
export const FOLD_WINDOW_MS = 60_000;

/**
 * The production notifications tab: the pipeline records, staff read and acknowledge. Recording is
 * best effort by design: it runs while something has already gone wrong (often the database
 * itself), so it never throws; a failed write is logged with the request id instead.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  /** The last pending record of each failure (kind, route, message), which the next one waits for. */
  private readonly recording = new Map<string, Promise<RecordOutcome>>();

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a failure, or folds it into an open notification of the same kind, route and message
   * first seen within the last minute (its count goes up): a caller who can trigger one failure
   * in a loop cannot flood the tab (CONTRACT.md §12). Records of one failure are queued within
   * the instance, so concurrent repeats fold instead of each starting a row; two instances folding
   * at the same moment may each start one, and the count stays right within each.
   */
  record(notification: NewNotification): Promise<RecordOutcome> {
    const key = `${notification.kind}|${notification.route ?? ''}|${notification.message}`;
    const previous = this.recording.get(key) ?? Promise.resolve<RecordOutcome>('recorded');
    const next = previous.then(() => this.recordNow(notification));
    this.recording.set(key, next);
    void next.finally(() => {
      if (this.recording.get(key) === next) this.recording.delete(key);
    });
    return next;
  }

  private async recordNow(notification: NewNotification): Promise<RecordOutcome> {
    const now = this.clock.now();
    const route = notification.route?.slice(0, 255) ?? null;
    const message = notification.message.slice(0, MAX_MESSAGE_LENGTH);
    try {
      const failure = { kind: notification.kind, route, message };
      if (await this.notifications.foldRepeat(failure, new Date(now.getTime() - FOLD_WINDOW_MS), now)) return 'folded';
      await this.notifications.add({
        kind: notification.kind,
        route,
        requestId: notification.requestId,
        message,
        count: 1,
        createdAt: now,
        lastSeenAt: null,
        acknowledgedAt: null,
      });
      return 'recorded';
    } catch (error) {
      this.logger.error({
        msg: 'could not record a notification',
        request_id: notification.requestId,
        kind: notification.kind,
        error: error instanceof Error ? error.message : String(error),
      });
      return 'failed';
    }
  }

  /**
   * notifications/index: one page, newest first, optionally only acknowledged (or only open) ones,
   * with the total matching the filter. Newest = highest id: ids follow insertion order on every
   * instance, where created_at comes from each instance's own clock.
   */
  /** notifications/index: one page, and how many match (always: the contract's notifications/index answers count). */
  async findPage(query: IndexQuery): Promise<{ notifications: NotificationEntity[]; count: number }> {
    return this.notifications.page(query);
  }

  /**
   * notifications/acknowledge: one conditional UPDATE, so the first acknowledgement's time stays
   * however many times (or on however many instances at once) it is repeated.
   */
  async acknowledge(id: number): Promise<NotificationEntity> {
    await this.notifications.acknowledgeOnce(id, this.clock.now());
    const notification = await this.notifications.withId(id);
    if (!notification) {
      throw PlanoException.notFoundOrNotYours('id', id);
    }
    return notification;
  }
}
