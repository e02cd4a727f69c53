import { Inject, Injectable } from '@nestjs/common';
import { hashToken, isWellFormedToken, issueToken } from '../../common/security/opaque-token.js';
import { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import type { ApplicationSlug } from '../../config/applications.config.js';
import { sessionsConfig, type SessionsConfig } from '../../config/sessions.config.js';
import type { UserReadModel } from '../accounts/account.read-models.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { hasAnyRole, isInactiveAccount } from '../auth/roles.js';
import { toUserView, type UserOfView, type UserView } from '../accounts/account.views.js';
import type { ApplicationReadModel } from '../applications/application.read-models.js';
import { ApplicationsService } from '../applications/applications.service.js';
import type { AuthSession, AuthUser, SessionAuth } from '../auth/auth-context.js';
import type { SessionAuthenticator } from '../auth/authenticators.js';
import type { SessionEntity } from './entities/session.entity.js';
import { isSessionExpired, isTouchDue, sessionExpiresAt, type ExpiryPolicy } from './session-expiry.js';
import { toSessionView, type SessionView } from './session.views.js';
import { SessionsRepository } from './sessions.repository.js';

/** Where a request came from, recorded on the sessions it creates. */
export interface ClientInfo {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface LoginParams {
  readonly email: string;
  readonly password: string;
  readonly application: ApplicationSlug;
  readonly rememberMe?: boolean;
}

export interface IssuedSession {
  /** The raw token: shown once, in this response, never stored. */
  readonly token: string;
  readonly user: UserView;
  readonly session: SessionView;
}

/** Sign-in, token checks, expiry and revocation (CONTRACT.md §4). The auth layer's session authenticator. */
@Injectable()
export class SessionsService implements SessionAuthenticator {
  private readonly policy: ExpiryPolicy;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly accounts: AccountsService,
    private readonly applications: ApplicationsService,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
    @Inject(sessionsConfig.KEY) private readonly config: SessionsConfig,
  ) {
    this.policy = {
      maxAgeSeconds: config.maxAgeSeconds,
      idleTimeoutSeconds: config.idleTimeoutSeconds,
      rememberMeMaxAgeSeconds: config.rememberMeMaxAgeSeconds,
    };
  }

  /**
   * `sessions/create`. The checks run in the order that leaks least: the password is checked
   * before anything about roles is said, and an unknown email or a user without a password costs
   * one argon2 verification, like a wrong password does.
   */
  async login(params: LoginParams, client: ClientInfo): Promise<IssuedSession> {
    const application = await this.requireApplication(params.application);
    const user = await this.accounts.findUserByEmail(params.email);
    // A pending user's registration is still waiting for its welcome email: not an account yet.
    if (!user || user.pendingSince !== null) {
      await this.passwords.verifyDecoy(params.password);
      throw new PlanoException('email-not-found');
    }
    if (!user.passwordHash) {
      await this.passwords.verifyDecoy(params.password);
      throw new PlanoException('user-has-no-password');
    }
    if (!(await this.passwords.verify(user.passwordHash, params.password))) {
      throw new PlanoException('invalid-password');
    }
    await this.assertMaySignIn(user.id, application);
    if (params.rememberMe === true && !user.rememberMe) {
      await this.setRememberMe(user, true);
      return this.open({ ...user, rememberMe: true }, application, client);
    }
    return this.open(user, application, client);
  }

  /**
   * The rules every sign-in applies once the user has shown who they are (a password, a magic
   * link): `account-inactive`, then `user-requires-role` for an application other than planoauth.
   */
  async assertMaySignIn(userId: number, application: ApplicationReadModel): Promise<void> {
    const roles = await this.accounts.rolesOf(userId);
    if (isInactiveAccount(roles)) throw new PlanoException('account-inactive');
    if (application.slug !== 'planoauth' && !hasAnyRole(roles)) throw new PlanoException('user-requires-role');
  }

  /** A new session of `user` in `application` (sign-in, registration; part of the ambient transaction, if any). */
  async open(user: UserOfView, application: ApplicationReadModel, client: ClientInfo): Promise<IssuedSession> {
    const issued = issueToken();
    const session = await this.sessions.create({
      userId: user.id,
      applicationId: application.id,
      tokenHash: issued.hash,
      ip: client.ip,
      userAgent: client.userAgent,
      now: this.clock.now(),
    });
    return { token: issued.token, user: toUserView(user), session: this.view(session, application.slug, user.rememberMe) };
  }

  async requireApplication(slug: ApplicationSlug): Promise<ApplicationReadModel> {
    const application = await this.applications.findBySlug(slug);
    if (!application) throw new PlanoException('invalid-param', { errors: [{ param: 'application', problem: 'not-found' }] });
    return application;
  }

  /**
   * The session a token names, if it is live: `invalid-token` when malformed, unknown or revoked;
   * `session-expired` past its limits (and from then on, for good). Refreshes last_used_at at most
   * once per touch interval.
   */
  async authenticateSession(token: string): Promise<SessionAuth> {
    const found = isWellFormedToken(token) ? await this.sessions.findByTokenHash(hashToken(token)) : null;
    // A pending user's session is not usable until the registration's welcome email is sent.
    if (!found || found.session.revokedAt !== null || found.user.pendingSince !== null) throw new PlanoException('invalid-token');
    const { session, user, application, roles } = found;
    if (session.expiredAt !== null) throw new PlanoException('session-expired');

    const now = this.clock.now();
    if (isSessionExpired(session, user.rememberMe, this.policy, now)) {
      await this.sessions.markExpired(session.id, now);
      throw new PlanoException('session-expired');
    }
    if (isTouchDue(session.lastUsedAt, now, this.config.touchIntervalSeconds)) {
      await this.sessions.touch(session, now);
      session.lastUsedAt = now;
    }
    return {
      kind: 'session',
      session: { id: session.id, createdAt: session.createdAt, lastUsedAt: session.lastUsedAt },
      user: authUserOf(user),
      applicationSlug: application.slug,
      roles,
      view: this.view(session, application.slug, user.rememberMe),
    };
  }

  /** The caller's live sessions (`sessions/index`). */
  async listLive(auth: SessionAuth): Promise<SessionView[]> {
    const now = this.clock.now();
    const open = await this.sessions.findOpenForUser(auth.user.id);
    return open
      .filter(({ session }) => !isSessionExpired(session, auth.user.rememberMe, this.policy, now))
      .map(({ session, applicationSlug }) => this.view(session, applicationSlug, auth.user.rememberMe));
  }

  /** `sessions/destroy`: logout. */
  async destroy(auth: SessionAuth): Promise<number> {
    return this.sessions.revokeOne(auth.user.id, auth.session.id, this.clock.now());
  }

  /** `sessions/revoke` by id: only the caller's own sessions; any other id looks like a nonexistent one. */
  async revokeOne(auth: SessionAuth, sessionId: number): Promise<number> {
    if (!(await this.sessions.exists(sessionId, auth.user.id))) {
      throw PlanoException.notFoundOrNotYours('id', sessionId);
    }
    return this.sessions.revokeOne(auth.user.id, sessionId, this.clock.now());
  }

  /** Every other session of the caller (`sessions/revoke all_others`, password change). */
  revokeAllOthers(auth: SessionAuth): Promise<number> {
    return this.sessions.revokeAllForUserExcept(auth.user.id, auth.session.id, this.clock.now());
  }

  /**
   * Sets the remember_me preference. Turning it on first marks the sessions that have already
   * run out under the old rules as expired: an expired session never comes back to life.
   */
  async setRememberMe(user: Pick<AuthUser, 'id' | 'rememberMe'>, rememberMe: boolean): Promise<void> {
    if (rememberMe && !user.rememberMe) {
      const now = this.clock.now();
      const open = await this.sessions.findOpenForUser(user.id);
      const lapsed = open.filter(({ session }) => isSessionExpired(session, false, this.policy, now)).map(({ session }) => session.id);
      await this.sessions.markExpiredMany(lapsed, now);
    }
    await this.accounts.setRememberMe(user.id, rememberMe);
  }

  /**
   * Whether the session is still there and, at `now`, within its age and idle limits for a user
   * whose remember_me is as given (CONTRACT.md §4): the rule the token check applies. Marks nothing
   * (marking is the token check's). Inside a transaction, it reads through it.
   */
  async isWithinTimeLimits(sessionId: number, rememberMe: boolean, now: Date): Promise<boolean> {
    const session = await this.sessions.findById(sessionId);
    return session !== null && !isSessionExpired(session, rememberMe, this.policy, now);
  }

  /** The caller's session view as it stands after a change of their remember_me preference. */
  viewWithRememberMe(auth: SessionAuth, rememberMe: boolean): SessionView {
    return this.view({ ...auth.session, userId: auth.user.id }, auth.applicationSlug, rememberMe);
  }

  private view(session: SessionOfView, applicationSlug: string, rememberMe: boolean): SessionView {
    return toSessionView(session, applicationSlug, rememberMe, sessionExpiresAt(session, rememberMe, this.policy));
  }
}

/** What a session view is computed from. */
type SessionOfView = AuthSession & Pick<SessionEntity, 'userId'>;

function authUserOf(user: UserReadModel): AuthUser {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone,
    rememberMe: user.rememberMe,
    createdAt: user.createdAt,
  };
}
