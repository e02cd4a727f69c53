import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';

/** Client self-registration (clients/register, users/client_register) with the welcome email. */
@Module({
  imports: [AccountsModule, SessionsModule],
  controllers: [],
  providers: [],
})
export class ClientsModule {}
