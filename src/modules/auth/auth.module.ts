import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ViewParamsGuard } from '../../common/views/view-params.guard.js';
import { AuthGuard } from './auth.guard.js';
import { RateLimitGuard } from './rate-limit.js';

/**
 * Who may call what, and how often: the global guards, in the contract's order of checks
 * (CONTRACT.md §3). Nest runs global guards in the order they are provided, so this one list is
 * that order: the token and the role (AuthGuard, default-closed), the attempt limits of the routes
 * marked @RateLimited (RateLimitGuard), then the view params, the first of the params checks
 * (ViewParamsGuard; the ValidationPipe checks the rest). The guard asks the ports of
 * authenticators.ts; the composition root names the modules that provide them, so the auth layer
 * imports no feature module.
 */
@Module({})
export class AuthModule {
  static withAuthenticatorsFrom(...modules: Array<Type | DynamicModule>): DynamicModule {
    return {
      module: AuthModule,
      imports: modules,
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: ViewParamsGuard },
      ],
    };
  }
}
