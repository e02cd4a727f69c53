import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from '../../common/openapi/public-operations.js';
import type { Request } from 'express';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { StatusSlug } from '../../common/status/status-catalogue.js';
import type { ApplicationSlug } from '../../config/applications.config.js';
import type { RoleName } from './roles.js';
import { authOf, type ApplicationAuth, type SessionAuth } from './auth-context.js';

export const AUTH_REQUIREMENT = 'plano:auth';

/** What a route needs from its caller. Routes that declare nothing get DEFAULT_REQUIREMENT: closed, not open. */
export type AuthRequirement =
  | { readonly kind: 'public' }
  | {
      readonly kind: 'session';
      /** Any of these roles; null means any role at all. */
      readonly roles: readonly RoleName[] | null;
      readonly admin: boolean;
      readonly allowRoleless: boolean;
    }
  | { readonly kind: 'application'; readonly application: ApplicationSlug };

export const DEFAULT_REQUIREMENT: AuthRequirement = { kind: 'session', roles: null, admin: false, allowRoleless: false };

/** No token needed. The OpenAPI operation says so with `security: []` (see PUBLIC_OPERATION). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(AUTH_REQUIREMENT, { kind: 'public' } satisfies AuthRequirement), ApiExtension(PUBLIC_OPERATION, true));
}

export interface AuthenticatedOptions {
  /** The caller needs one of these roles (`['employee']` = staff); unset = any role. */
  readonly roles?: readonly RoleName[];
  /** The caller must be an admin employee (implies roles: ['employee']). */
  readonly admin?: boolean;
  /** A user with no role at all may call it (sessions routes, finishing registration). */
  readonly allowRoleless?: boolean;
}

/**
 * A live session token is required, with the roles given. The same declaration sets the route's
 * OpenAPI security and documents the statuses it can answer, so docs and behaviour cannot drift.
 */
export function Authenticated(options: AuthenticatedOptions = {}): MethodDecorator {
  const admin = options.admin ?? false;
  const requirement: AuthRequirement = {
    kind: 'session',
    roles: admin ? ['employee'] : (options.roles ?? null),
    admin,
    allowRoleless: options.allowRoleless ?? false,
  };
  const statuses: StatusSlug[] = ['invalid-token', 'session-expired', 'account-inactive'];
  if (!requirement.allowRoleless) statuses.push('client-required');
  if (requirement.roles !== null || admin) statuses.push('permission-denied');
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, requirement),
    ApiBearerAuth(),
    ApiSecurity('token'),
    ApiStatuses(...statuses),
  );
}

/** An application token of this application is required (server-to-server routes). */
export function ApplicationAuthenticated(application: ApplicationSlug): MethodDecorator {
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, { kind: 'application', application } satisfies AuthRequirement),
    ApiBearerAuth(),
    ApiSecurity('token'),
    ApiStatuses('invalid-token'),
  );
}

/** The session of the caller, on a route declared @Authenticated. */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionAuth => {
  const auth = authOf(context.switchToHttp().getRequest<Request>());
  if (auth?.kind !== 'session') throw new PlanoException('application-crash', { cause: new Error('@CurrentSession on a route without a session') });
  return auth;
});

/** The calling application, on a route declared @ApplicationAuthenticated. */
export const CurrentApplication = createParamDecorator((_data: unknown, context: ExecutionContext): ApplicationAuth => {
  const auth = authOf(context.switchToHttp().getRequest<Request>());
  if (auth?.kind !== 'application') throw new PlanoException('application-crash', { cause: new Error('@CurrentApplication on a route without an application token') });
  return auth;
});
