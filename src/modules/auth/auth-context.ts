import type { Request } from 'express';
import type { Roles } from '../accounts/roles.js';
import type { UserEntity } from '../accounts/entities/user.entity.js';
import type { ApplicationEntity } from '../applications/entities/application.entity.js';
import type { SessionEntity } from '../sessions/entities/session.entity.js';
import type { SessionView } from '../sessions/session.views.js';

/** A caller authenticated by a session token. */
export interface SessionAuth {
  readonly kind: 'session';
  readonly session: SessionEntity;
  readonly user: UserEntity;
  readonly application: ApplicationEntity;
  readonly roles: Roles;
  readonly view: SessionView;
}

/** A caller authenticated by an application token (server to server). */
export interface ApplicationAuth {
  readonly kind: 'application';
  readonly application: ApplicationEntity;
  readonly tokenId: number;
}

export type AuthContext = SessionAuth | ApplicationAuth;

export function authOf(request: Request): AuthContext | undefined {
  return request.plano?.auth as AuthContext | undefined;
}
