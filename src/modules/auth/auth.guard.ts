import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PlanoException } from '../../common/status/plano.exception.js';
import { hasAnyRole, isInactiveAccount, roleNames } from './roles.js';
import type { SessionAuth } from './auth-context.js';
import {
  APPLICATION_AUTHENTICATOR,
  SESSION_AUTHENTICATOR,
  type ApplicationAuthenticator,
  type SessionAuthenticator,
} from './authenticators.js';
import { AUTH_REQUIREMENT, DEFAULT_REQUIREMENT, type AuthRequirement } from './auth.decorators.js';
import { tokenOf } from './token-extraction.js';

/**
 * The global, default-closed guard: every route needs a live session with a role unless it says
 * otherwise (@Public, @Authenticated, @ApplicationAuthenticated). It runs after the body has been
 * decoded, so a `token` in a base64 body is found, and in the contract's order: token
 * (invalid-token, session-expired; then account-inactive, since a deactivated account's session is
 * refused on every session route, role-less ones included), then role (client-required,
 * permission-denied).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SESSION_AUTHENTICATOR) private readonly sessions: SessionAuthenticator,
    @Inject(APPLICATION_AUTHENTICATOR) private readonly applications: ApplicationAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement =
      this.reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_REQUIREMENT, [context.getHandler(), context.getClass()]) ??
      DEFAULT_REQUIREMENT;
    if (requirement.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<Request>();
    const token = tokenOf(request);
    if (token === undefined) {
      throw new PlanoException('invalid-token', { message: 'A token is required: pass token or Authorization: Bearer.' });
    }
    const state = request.plano;

    if (requirement.kind === 'application') {
      const auth = await this.applications.authenticateApplication(token, requirement.application);
      if (state) state.auth = auth;
      return true;
    }

    const auth = await this.sessions.authenticateSession(token);
    if (state) {
      state.auth = auth;
      state.sessionView = auth.view;
    }
    if (isInactiveAccount(auth.roles)) throw new PlanoException('account-inactive');
    this.checkRoles(auth, requirement);
    return true;
  }

  private checkRoles(auth: SessionAuth, requirement: Extract<AuthRequirement, { kind: 'session' }>): void {
    if (!hasAnyRole(auth.roles)) {
      if (requirement.allowRoleless) return;
      throw new PlanoException('client-required');
    }
    const allowedRole = requirement.roles === null || roleNames(auth.roles).some((role) => requirement.roles?.includes(role));
    if (!allowedRole || (requirement.admin && !auth.roles.admin)) throw new PlanoException('permission-denied');
  }
}
