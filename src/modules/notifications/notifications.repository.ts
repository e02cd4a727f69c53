import { Injectable } from '@nestjs/common';
import { IsNull, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { IndexQuery } from '../../common/index-query/index-spec.js';
import { runIndexQuery, type IndexColumns } from '../../database/index-query.js';
import { Transactions } from '../../database/transactions.js';
import { NotificationEntity } from './notification.entity.js';

/** One failure as notifications tell them apart: the same kind, route and message is the same failure. */
export interface Failure {
  readonly kind: string;
  readonly route: string | null;
  readonly message: string;
}

/** The notifications table. Queries go through the ambient transaction's manager when there is one. */
/** notifications/index in SQL: the columns behind NOTIFICATIONS_INDEX's attributes and filters. */
const NOTIFICATION_INDEX_COLUMNS: IndexColumns = {
  id: 'n.id',
  searchable: { kind: 'n.kind', route: 'n.route', message: 'n.message', request_id: 'n.request_id' },
  sortable: { id: 'n.id', created_at: 'n.created_at', last_seen_at: 'n.last_seen_at', count: 'n.count', kind: 'n.kind' },
  filters: { acknowledged: 'n.acknowledged_at IS NOT NULL', unacknowledged: 'n.acknowledged_at IS NULL' },
};

@Injectable()
export class NotificationsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  /**
   * Counts a repeat of `failure` on its open notification first seen after `since` (count + 1, last
   * seen `now`), in one UPDATE; answers whether there was one to count it on.
   */
  async foldRepeat(failure: Failure, since: Date, now: Date): Promise<boolean> {
    const folded = await this.manager
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ count: () => 'count + 1', lastSeenAt: now })
      .where('kind = :kind AND message = :message AND acknowledged_at IS NULL AND created_at > :since', {
        kind: failure.kind,
        message: failure.message,
        since,
      })
      .andWhere(failure.route === null ? 'route IS NULL' : 'route = :route', { route: failure.route })
      .execute();
    return (folded.affected ?? 0) > 0;
  }

  async add(notification: Omit<NotificationEntity, 'id'>): Promise<void> {
    await this.manager.insert(NotificationEntity, notification);
  }

  /**
   * One page, newest first (highest id: ids follow insertion order on every instance), of the
   * acknowledged ones, the open ones, or all (undefined); with the total matching.
   */
  /** One page of notifications (notifications/index, the index convention), and the total. */
  async page(query: IndexQuery): Promise<{ notifications: NotificationEntity[]; count: number }> {
    const { rows, total } = await runIndexQuery(this.manager.createQueryBuilder(NotificationEntity, 'n'), NOTIFICATION_INDEX_COLUMNS, { ...query, count: true });
    return { notifications: rows, count: total ?? 0 };
  }

  /** Sets acknowledged_at unless it is set: one conditional UPDATE, so the first acknowledgement's time stays. */
  async acknowledgeOnce(id: number, now: Date): Promise<void> {
    await this.manager.update(NotificationEntity, { id, acknowledgedAt: IsNull() }, { acknowledgedAt: now });
  }

  withId(id: number): Promise<NotificationEntity | null> {
    return this.manager.findOneBy(NotificationEntity, { id });
  }
}
