import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { EmailModule } from '../email/email.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ClientsRegistrationController } from './clients-registration.controller.js';
import { ClientsRegistrationService } from './clients-registration.service.js';
import { PendingRegistrations } from './pending-registrations.js';

/** Client self-registration (clients/register, users/client_register) with the welcome email. */
@Module({
  imports: [AccountsModule, SessionsModule, ApplicationsModule, EmailModule, NotificationsModule],
  controllers: [ClientsRegistrationController],
  providers: [ClientsRegistrationService, PendingRegistrations],
})
export class ClientsModule {}
