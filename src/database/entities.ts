import { NotificationEntity } from '../modules/notifications/notification.entity.js';

/**
 * Every entity the data source knows, listed explicitly: globs resolve differently in the built
 * app, the TypeORM CLI and the ESM test runner, an explicit list resolves the same in all three.
 */
export const ENTITIES = [NotificationEntity];
