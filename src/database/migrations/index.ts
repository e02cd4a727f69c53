import { CreateNotifications1795934803387 } from './1795934803387-create-notifications.js';
import { CreateAccountsAndSessions1795936891942 } from './1795936891942-create-accounts-and-sessions.js';
import { CreateEmailOutbox1795938492774 } from './1795938492774-create-email-outbox.js';
import { CreateRegistry1795938880784 } from './1795938880784-create-registry.js';
import { CreateOrdersToursXso1795939652622 } from './1795939652622-create-orders-tours-xso.js';
import { ProductionRules1796000000000 } from './1796000000000-production-rules.js';
import { XsoCodeSession1796000000001 } from './1796000000001-xso-code-session.js';
import { OutboxRecipientName1796000000002 } from './1796000000002-outbox-recipient-name.js';
import { ApplicationTokenLastUsed1796000000003 } from './1796000000003-application-token-last-used.js';
import { ClientUpdateFields1796000000004 } from './1796000000004-client-update-fields.js';
import { MagicLinkCodes1796000000005 } from './1796000000005-magic-link-codes.js';

/**
 * Every migration, in order. `npm run migration:generate -- src/database/migrations/<name>` writes
 * a new file; review it (prefer the schema API so it runs on both engines) and add it here.
 */
export const MIGRATIONS = [
  CreateNotifications1795934803387,
  CreateAccountsAndSessions1795936891942,
  CreateEmailOutbox1795938492774,
  CreateRegistry1795938880784,
  CreateOrdersToursXso1795939652622,
  ProductionRules1796000000000,
  XsoCodeSession1796000000001,
  OutboxRecipientName1796000000002,
  ApplicationTokenLastUsed1796000000003,
  ClientUpdateFields1796000000004,
  MagicLinkCodes1796000000005,
];
