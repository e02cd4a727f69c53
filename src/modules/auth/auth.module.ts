import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';

/**
 * Who may call what: the global, default-closed auth guard. (Rate limits are per route: see
 * rate-limit.ts.) The guard asks the ports of authenticators.ts; the composition root names the
 * modules that provide them, so the auth layer imports no feature module.
 */
@Module({})
export class AuthModule {
  static withAuthenticatorsFrom(...modules: Array<Type | DynamicModule>): DynamicModule {
    return { module: AuthModule, imports: modules, providers: [{ provide: APP_GUARD, useClass: AuthGuard }] };
  }
}
