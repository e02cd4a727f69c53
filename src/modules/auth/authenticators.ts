import type { ApplicationSlug } from '../../config/applications.config.js';
import type { ApplicationAuth, SessionAuth } from './auth-context.js';

// The ports of the auth layer. The guard asks them who is calling; the sessions and applications
// modules implement them and provide them under these tokens, so auth/ depends on no feature.

/** Turns a session token into the caller: `invalid-token` / `session-expired` when it cannot. */
export interface SessionAuthenticator {
  authenticateSession(token: string): Promise<SessionAuth>;
}
export const SESSION_AUTHENTICATOR = Symbol('SessionAuthenticator');

/** Turns an application token into the calling application: `invalid-token` unless it is `application`'s. */
export interface ApplicationAuthenticator {
  authenticateApplication(token: string, application: ApplicationSlug): Promise<ApplicationAuth>;
}
export const APPLICATION_AUTHENTICATOR = Symbol('ApplicationAuthenticator');
