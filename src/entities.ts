import { ACCOUNTS_ENTITIES } from './modules/accounts/accounts.module.js';
import { APPLICATIONS_ENTITIES } from './modules/applications/applications.module.js';
import { RATE_LIMIT_ENTITIES } from './modules/auth/rate-limit-counters.js';
import { EMAIL_ENTITIES } from './modules/email/email.module.js';
import { MAGIC_LINKS_ENTITIES } from './modules/magic-links/magic-links.module.js';
import { NOTIFICATIONS_ENTITIES } from './modules/notifications/notifications.module.js';
import { ORDERS_ENTITIES } from './modules/orders/orders.module.js';
import { REGISTRY_ENTITIES } from './modules/registry/registry.module.js';
import { SESSIONS_ENTITIES } from './modules/sessions/sessions.module.js';
import { XSO_ENTITIES } from './modules/xso/xso.module.js';

/**
 * Every entity the data source knows (app and TypeORM CLI), each module listing its own. Listed
 * explicitly: globs resolve differently in the built app, the TypeORM CLI and the ESM test runner,
 * an explicit list resolves the same in all three. Assembled here, at the composition root,
 * because database/ builds the data source but must not know the feature modules.
 */
export const ENTITIES = [
  ...NOTIFICATIONS_ENTITIES,
  ...ACCOUNTS_ENTITIES,
  ...APPLICATIONS_ENTITIES,
  ...SESSIONS_ENTITIES,
  ...EMAIL_ENTITIES,
  ...REGISTRY_ENTITIES,
  ...ORDERS_ENTITIES,
  ...XSO_ENTITIES,
  ...MAGIC_LINKS_ENTITIES,
  ...RATE_LIMIT_ENTITIES,
];
