import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApplicationsModule } from '../applications/applications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AuthGuard } from './auth.guard.js';

/** Who may call what: the global, default-closed auth guard. (Rate limits are per route: see rate-limit.ts.) */
@Module({
  imports: [SessionsModule, ApplicationsModule],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
