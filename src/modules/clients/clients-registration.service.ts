import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { isUniqueViolation } from '../../database/errors.js';
import { Transactions } from '../../database/transactions.js';
import type { ApplicationSlug } from '../../config/applications.config.js';
import { AccountsService, type NewClient } from '../accounts/accounts.service.js';
import type { ClientReadModel } from '../accounts/account.read-models.js';
import { toClientView, type ClientView } from '../accounts/account.views.js';
import { hasAnyRole } from '../auth/roles.js';
import { ApplicationsService } from '../applications/applications.service.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { welcomeEmail } from '../email/email-message.js';
import type { SessionView } from '../sessions/session.views.js';
import { SessionsService, type ClientInfo } from '../sessions/sessions.service.js';
import { PendingRegistrations } from './pending-registrations.js';

export interface ClientRegistration {
  readonly application: ApplicationSlug;
  readonly enterprise?: string;
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string;
  readonly companyId?: number;
  readonly companyName?: string;
}

export interface RegisteredClient {
  readonly token: string;
  readonly client: ClientView;
  readonly session: SessionView;
}

/**
 * Clients registering themselves. Each registration and its welcome email are one unit (see
 * PendingRegistrations): if the email cannot be sent, nothing of the registration remains, the
 * caller gets `mandrill-email-failed`, and can simply try again.
 */
@Injectable()
export class ClientsRegistrationService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly applications: ApplicationsService,
    private readonly pending: PendingRegistrations,
    private readonly passwords: PasswordHasher,
    private readonly transactions: Transactions,
  ) {}

  /**
   * `clients/register`: user + client + session, written pending in one short transaction (the
   * unique email index decides races), then the welcome email with no connection held, then the
   * account is activated — or removed if the email could not be sent.
   */
  async register(registration: ClientRegistration, client: ClientInfo, view: string): Promise<RegisteredClient> {
    const passwordHash = await this.passwords.hash(registration.password);
    const application = await this.sessions.requireApplication(registration.application);
    const planoauthUrl = this.applications.baseUrlOf('planoauth');

    const { user, clientRecord, issued } = await this.transactions.run(async () => {
      const user = await this.accounts.createUser({
        email: registration.email,
        passwordHash,
        firstName: registration.firstName,
        lastName: registration.lastName,
        phone: registration.phone,
        pending: true,
      });
      const clientRecord = await this.accounts.createClient(user.id, {
        firstName: registration.firstName,
        lastName: registration.lastName,
        phone: registration.phone,
        companyId: registration.companyId,
        companyName: registration.companyName,
        enterprise: registration.enterprise,
      });
      const issued = await this.sessions.open(user, application, client);
      return { user, clientRecord, issued };
    });
    await this.pending.sendThenActivate(welcomeEmail(user, planoauthUrl), {
      activate: () => this.accounts.activateUser(user.id),
      remove: () => this.accounts.deleteUser(user.id),
    });
    // The client record was written without its user loaded: its email is the new user's. A new
    // client is not staff: it sees its record as a client does.
    return { token: issued.token, client: toClientView({ ...clientRecord, user: { email: user.email } }, view, false), session: issued.session };
  }

  /**
   * `users/client_register`: the caller's role-less user becomes a client (where client-required
   * sends people). The client record is written pending — no role yet — until the welcome email
   * is sent, and removed if it cannot be.
   */
  async registerCaller(
    caller: SessionAuth,
    fields: Partial<Omit<ClientRegistration, 'application' | 'email' | 'password'>>,
    view: string,
  ): Promise<ClientView> {
    if (hasAnyRole(caller.roles)) throw alreadyRegistered();
    const firstName = fields.firstName ?? caller.user.firstName;
    const lastName = fields.lastName ?? caller.user.lastName;
    const planoauthUrl = this.applications.baseUrlOf('planoauth');
    const created = await this.createPendingClient(caller.user.id, {
      firstName,
      lastName,
      phone: fields.phone ?? caller.user.phone,
      companyId: fields.companyId,
      companyName: fields.companyName,
    });
    await this.pending.sendThenActivate(welcomeEmail({ email: caller.user.email, firstName, lastName }, planoauthUrl), {
      activate: () => this.accounts.activateClient(created.id),
      remove: () => this.accounts.deleteClient(created.id),
    });
    return toClientView({ ...created, user: { email: caller.user.email } }, view, false);
  }

  private async createPendingClient(userId: number, client: NewClient): Promise<ClientReadModel> {
    try {
      return await this.accounts.createClient(userId, { ...client, pending: true });
    } catch (error) {
      // A concurrent call for the same user made the client first.
      if (isUniqueViolation(error)) throw alreadyRegistered();
      throw error;
    }
  }
}

function alreadyRegistered(): PlanoException {
  return new PlanoException('invalid-param', {
    message: 'This user already has a role; users/client_register is for users who have none.',
    errors: [{ param: 'token', problem: 'already-registered' }],
  });
}
