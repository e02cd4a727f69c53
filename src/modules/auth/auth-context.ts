import type { Request } from 'express';
import type { ApplicationSlug } from '../../config/applications.config.js';
import type { Roles } from './roles.js';

// What the auth layer hands to handlers and services: plain data, read once per request by the
// authenticators (sessions and applications implement them, see authenticators.ts). No entity
// crosses this line, so no handler can lazy-load, save or leak a record it was only meant to read.

/** The signed-in user as the request sees it. */
export interface AuthUser {
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
  /** When on, the user's sessions do not expire by time (CONTRACT.md §4). */
  readonly rememberMe: boolean;
  readonly createdAt: Date;
}

/** The session the token named: what its view and expiry are computed from. */
export interface AuthSession {
  readonly id: number;
  readonly createdAt: Date;
  readonly lastUsedAt: Date;
}

/** The session as the envelope's `session` shows it (the sessions module's SessionView). */
export type SessionViewData = object;

/** A caller authenticated by a session token. */
export interface SessionAuth {
  readonly kind: 'session';
  readonly session: AuthSession;
  readonly user: AuthUser;
  /** The application the session belongs to. */
  readonly applicationSlug: string;
  readonly roles: Roles;
  readonly view: SessionViewData;
}

/** A caller authenticated by an application token (server to server). */
export interface ApplicationAuth {
  readonly kind: 'application';
  readonly applicationId: number;
  readonly applicationSlug: ApplicationSlug;
  readonly tokenId: number;
}

export type AuthContext = SessionAuth | ApplicationAuth;

export function authOf(request: Request): AuthContext | undefined {
  return request.plano?.auth as AuthContext | undefined;
}
