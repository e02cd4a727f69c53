import { NotificationEntity } from '../../src/modules/notifications/notification.entity.js';
import type { TestApp } from './test-app.js';

/** Every notification the app has recorded, oldest first, read straight from the database. */
export function notificationRows(t: TestApp): Promise<NotificationEntity[]> {
  return t.dataSource.getRepository(NotificationEntity).find({ order: { id: 'ASC' } });
}
