import { ClientEntity } from '../modules/accounts/entities/client.entity.js';
import { EmployeeEntity } from '../modules/accounts/entities/employee.entity.js';
import { LiaisonEntity } from '../modules/accounts/entities/liaison.entity.js';
import { UserEntity } from '../modules/accounts/entities/user.entity.js';
import { ApplicationTokenEntity } from '../modules/applications/entities/application-token.entity.js';
import { ApplicationEntity } from '../modules/applications/entities/application.entity.js';
import { EmailOutboxEntity } from '../modules/email/email-outbox.entity.js';
import { ApiServiceEntity } from '../modules/registry/entities/api-service.entity.js';
import { RegistryVersionEntity } from '../modules/registry/entities/registry-version.entity.js';
import { RouteEntity } from '../modules/registry/entities/route.entity.js';
import { OrderEntity } from '../modules/orders/entities/order.entity.js';
import { TourEntity } from '../modules/orders/entities/tour.entity.js';
import { XsoCodeEntity } from '../modules/xso/entities/xso-code.entity.js';
import { NotificationEntity } from '../modules/notifications/notification.entity.js';
import { SessionEntity } from '../modules/sessions/entities/session.entity.js';
import { RateLimitCounterEntity } from '../modules/auth/entities/rate-limit-counter.entity.js';

/**
 * Every entity the data source knows, listed explicitly: globs resolve differently in the built
 * app, the TypeORM CLI and the ESM test runner, an explicit list resolves the same in all three.
 */
export const ENTITIES = [
  NotificationEntity,
  UserEntity,
  ClientEntity,
  EmployeeEntity,
  LiaisonEntity,
  ApplicationEntity,
  ApplicationTokenEntity,
  SessionEntity,
  EmailOutboxEntity,
  ApiServiceEntity,
  RouteEntity,
  RegistryVersionEntity,
  OrderEntity,
  TourEntity,
  XsoCodeEntity,
  RateLimitCounterEntity,
];
