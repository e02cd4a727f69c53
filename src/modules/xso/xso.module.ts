import { Module } from '@nestjs/common';
import { EnvelopeExceptionFilter } from '../../common/filters/envelope-exception.filter.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ClientsModule } from '../clients/clients.module.js';
import { XsoCodeEntity } from './entities/xso-code.entity.js';
import { XsoCodesRepository } from './xso-codes.repository.js';
import { XsoController } from './xso.controller.js';
import { XsoService } from './xso.service.js';

/** The entities this module owns, for the list the data source is built from. */
export const XSO_ENTITIES = [XsoCodeEntity];

/** Cross sign-on into CaptuRE: capture_client and redeem. */
@Module({
  imports: [AccountsModule, ApplicationsModule, NotificationsModule, OrdersModule, SessionsModule, ClientsModule],
  controllers: [XsoController],
  // EnvelopeExceptionFilter: what XsoBrowserFilter hands everything but its redirects to. The
  // global one lives in AppModule, out of reach here; this copy is stateless, and reports through
  // the same FAILURE_REPORTER (from NotificationsModule), so folding and outages stay shared.
  providers: [XsoCodesRepository, XsoService, EnvelopeExceptionFilter],
})
export class XsoModule {}
