import type { NotificationEntity } from './notification.entity.js';

/** A notification as staff see it on the tab. Timestamps are ISO 8601 UTC. */
export interface NotificationView {
  id: number;
  kind: string;
  route: string | null;
  request_id: string | null;
  message: string;
  /** How many identical failures this notification stands for (repeats within a minute fold in). */
  count: number;
  created_at: string;
  /** The latest of them (= created_at while count is 1). */
  last_seen_at: string;
  acknowledged_at: string | null;
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
