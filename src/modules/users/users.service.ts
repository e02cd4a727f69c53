import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Transactions } from '../../database/transactions.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { SessionsService, type ClientInfo, type IssuedSession } from '../sessions/sessions.service.js';

export interface Registration {
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string;
}

/** A user's own account: starting registration, preferences, password. */
@Injectable()
export class UsersService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordHasher,
    private readonly transactions: Transactions,
  ) {}

  /**
   * `users/register`: a user with no role yet and a `planoauth` session to finish registering
   * with. User and session are written in one transaction; the email's uniqueness is the unique
   * index's to decide, so two concurrent registrations of one email cannot both succeed.
   */
  async register(registration: Registration, client: ClientInfo): Promise<IssuedSession> {
    const passwordHash = await this.passwords.hash(registration.password);
    const planoauth = await this.sessions.requireApplication('planoauth');
    return this.transactions.run(async () => {
      const user = await this.accounts.createUser({
        email: registration.email,
        passwordHash,
        firstName: registration.firstName,
        lastName: registration.lastName,
        phone: registration.phone,
      });
      return this.sessions.open(user, planoauth, client);
    });
  }

  /** `users/change_password`: every other session of the user is revoked; this one stays. */
  async changePassword(auth: SessionAuth, currentPassword: string | undefined, newPassword: string): Promise<number> {
    const passwordHash = await this.accounts.passwordHashOf(auth.user.id);
    // A user without a password (created by staff, signed in by magic link) sets a first one: the
    // session proves who they are, as the magic link did; there is no current password to check.
    if (passwordHash && currentPassword === undefined) {
      throw new PlanoException('missing-param', { errors: [{ param: 'current_password', problem: 'missing', message: 'current_password is required' }] });
    }
    if (passwordHash && !(await this.passwords.verify(passwordHash, currentPassword as string))) {
      throw new PlanoException('invalid-password', { message: 'current_password is incorrect.' });
    }
    await this.accounts.setPasswordHash(auth.user.id, await this.passwords.hash(newPassword));
    return this.sessions.revokeAllOthers(auth);
  }
}
