import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { EmailModule } from '../email/email.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ClientAccess } from './client-access.js';
import { ClientCreationService } from './client-creation.service.js';
import { ClientsRegistrationController } from './clients-registration.controller.js';
import { ClientsRegistrationService } from './clients-registration.service.js';
import { ClientsController } from './clients.controller.js';
import { ClientsService } from './clients.service.js';
import { PendingRegistrations } from './pending-registrations.js';

/**
 * Clients: every /api/v1/clients route (register, create, index, read, update), users/client_register with
 * the welcome email, and ClientAccess, the one rule of which clients a caller may use (orders,
 * tours and XSO ask it).
 */
@Module({
  imports: [AccountsModule, SessionsModule, ApplicationsModule, EmailModule, NotificationsModule],
  controllers: [ClientsRegistrationController, ClientsController],
  providers: [ClientsRegistrationService, ClientsService, ClientCreationService, ClientAccess, PendingRegistrations],
  exports: [ClientAccess],
})
export class ClientsModule {}
