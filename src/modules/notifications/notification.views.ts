import { ApiProperty } from '@nestjs/swagger';
import type { NotificationEntity } from './notification.entity.js';

// The view class is the OpenAPI document's named schema (@ApiSuccess): handlers return objects
// of this shape, so what the document says is what the compiler checks.

/** A notification as staff see it on the tab. Timestamps are ISO 8601 UTC. */
export class NotificationView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ description: 'The status slug that raised it, e.g. application-crash.' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, description: "The route's name when identified, else `METHOD /path`; null when no request raised it." })
  route!: string | null;
  @ApiProperty({ type: String, nullable: true }) request_id!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ type: 'integer', description: 'How many identical failures this notification stands for (repeats within a minute fold in).' })
  count!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', description: 'When the latest of those failures happened (= created_at while count is 1).' })
  last_seen_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while the notification is open.' })
  acknowledged_at!: string | null;
}

export function toNotificationView(notification: NotificationEntity): NotificationView {
  return {
    id: notification.id,
    kind: notification.kind,
    route: notification.route,
    request_id: notification.requestId,
    message: notification.message,
    count: notification.count,
    created_at: notification.createdAt.toISOString(),
    last_seen_at: (notification.lastSeenAt ?? notification.createdAt).toISOString(),
    acknowledged_at: notification.acknowledgedAt?.toISOString() ?? null,
  };
}
