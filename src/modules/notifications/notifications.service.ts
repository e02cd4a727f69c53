import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type FindOptionsWhere, type Repository } from 'typeorm';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { NotificationEntity } from './notification.entity.js';
import { toNotificationView, type NotificationView } from './notification.views.js';

export interface NewNotification {
  readonly kind: string;
  readonly route: string | null;
  readonly requestId: string | null;
  readonly message: string;
}

const MAX_MESSAGE_LENGTH = 2000;

/**
 * Writes the production notifications tab. Recording is best effort by design: it runs while
 * something has already gone wrong (often the database itself), so it never throws; a failed
 * write is logged with the request id instead.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
    private readonly clock: Clock,
  ) {}

  async record(notification: NewNotification): Promise<void> {
    try {
      await this.notifications.insert({
        kind: notification.kind,
        route: notification.route?.slice(0, 255) ?? null,
        requestId: notification.requestId,
        message: notification.message.slice(0, MAX_MESSAGE_LENGTH),
        createdAt: this.clock.now(),
        acknowledgedAt: null,
      });
    } catch (error) {
      this.logger.error({
        msg: 'could not record a notification',
        kind: notification.kind,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** notifications/index: newest first, optionally only (un)acknowledged ones, one page and the total. */
  async list(filter: { acknowledged?: boolean; size: number; number: number }): Promise<{ results: NotificationView[]; count: number }> {
    const where: FindOptionsWhere<NotificationEntity> = {};
    if (filter.acknowledged !== undefined) where.acknowledgedAt = filter.acknowledged ? Not(IsNull()) : IsNull();
    const [rows, count] = await this.notifications.findAndCount({
      where,
      order: { id: 'DESC' },
      take: filter.size,
      skip: (filter.number - 1) * filter.size,
    });
    return { results: rows.map(toNotificationView), count };
  }

  /** notifications/acknowledge: sets acknowledged_at once; acknowledging again keeps the first time. */
  async acknowledge(id: number): Promise<NotificationView> {
    await this.notifications.update({ id, acknowledgedAt: IsNull() }, { acknowledgedAt: this.clock.now() });
    const row = await this.notifications.findOneBy({ id });
    if (!row) {
      throw new PlanoException('invalid-param', {
        message: `id ${id} does not exist or is not accessible`,
        errors: [{ param: 'id', problem: 'not-found' }],
      });
    }
    return toNotificationView(row);
  }
}
