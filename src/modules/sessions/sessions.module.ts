import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { SESSION_AUTHENTICATOR } from '../auth/authenticators.js';
import { SessionEntity } from './entities/session.entity.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { TokenCache } from './token-cache.js';

/** The entities this module owns, for the list the data source is built from. */
export const SESSIONS_ENTITIES = [SessionEntity];

@Module({
  imports: [AccountsModule, ApplicationsModule],
  controllers: [SessionsController],
  providers: [TokenCache, SessionsRepository, SessionsService, { provide: SESSION_AUTHENTICATOR, useExisting: SessionsService }],
  exports: [SessionsService, SESSION_AUTHENTICATOR],
})
export class SessionsModule {}
