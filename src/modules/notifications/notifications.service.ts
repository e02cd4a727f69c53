import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../../common/time/clock.js';
import { NotificationEntity } from './notification.entity.js';

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
}
