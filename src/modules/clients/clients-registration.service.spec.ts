import { QueryFailedError } from 'typeorm';
import { loggedTransactions, strictMock } from '../../../test/support/automock.js';
import type { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { Transactions } from '../../database/transactions.js';
import { EMPTY_CLIENT_PROFILE, type ClientReadModel, type UserReadModel } from '../accounts/account.read-models.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { ApplicationsService } from '../applications/applications.service.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { NO_ROLES, type Roles } from '../auth/roles.js';
import { welcomeEmail } from '../email/email-message.js';
import type { SessionView } from '../sessions/session.views.js';
import type { IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import { ClientsRegistrationService, type ClientRegistration } from './clients-registration.service.js';
import type { PendingRegistrations } from './pending-registrations.js';
import { refusal } from '../../../test/support/refusal.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const PASSWORD = 'correct horse battery staple';
const PASSWORD_HASH = '$argon2id$v=19$stored';
const PLANOAUTH_URL = 'https://planoauth.example.test';
const PLANOORDER = { id: 2, slug: 'planoorder', name: 'PlanOrder' };
const USER_ID = 7;
const CLIENT_ID = 40;
const SEND_FAILED = new PlanoException('mandrill-email-failed');

const registration: ClientRegistration = {
  application: 'planoorder',
  email: 'ada@example.com',
  password: PASSWORD,
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '+1 555 0100',
  companyName: 'Analytical Engines',
  enterprise: 'AE',
};

const newUser: UserReadModel = {
  id: USER_ID,
  email: registration.email,
  firstName: registration.firstName,
  lastName: registration.lastName,
  phone: registration.phone ?? null,
  rememberMe: false,
  createdAt: NOW,
  pendingSince: NOW,
};

function clientRecord(userId: number, fields: { firstName: string; lastName: string; phone?: string | null; companyName?: string | null }): ClientReadModel {
  return {
    id: CLIENT_ID,
    userId,
    firstName: fields.firstName,
    lastName: fields.lastName,
    phone: fields.phone ?? null,
    companyId: null,
    companyName: fields.companyName ?? null,
    enterprise: null,
    active: true,
    ...EMPTY_CLIENT_PROFILE,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

const callerUser = { ...newUser, id: 8, email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', phone: '+1 555 0199', pendingSince: null };
const callerWith = (roles: Partial<Roles>) =>
  ({
    kind: 'session',
    session: { id: 12, createdAt: NOW, lastUsedAt: NOW },
    user: callerUser,
    applicationSlug: 'planoauth',
    roles: { ...NO_ROLES, ...roles },
    view: {},
  }) satisfies SessionAuth;

/**
 * The service over strict mocks. PendingRegistrations keeps its contract (send, then activate; on a
 * failed send remove and rethrow) so that what the registration hands it to activate and remove is
 * exercised. `log` records the order of the calls and the transaction's bounds.
 */
function build(options: { sendFails?: boolean; createUserFails?: unknown; createClientFails?: unknown } = {}) {
  const log: string[] = [];
  const passwords = strictMock<PasswordHasher>('passwords', {
    hash: async () => {
      log.push('hash');
      return PASSWORD_HASH;
    },
  });
  const accounts = strictMock<AccountsService>('accounts', {
    createUser: async () => {
      log.push('createUser');
      if (options.createUserFails) throw options.createUserFails;
      return newUser;
    },
    createClient: async (userId, client) => {
      log.push('createClient');
      if (options.createClientFails) throw options.createClientFails;
      return clientRecord(userId, client);
    },
    activateUser: async () => true,
    deleteUser: async () => undefined,
    activateClient: async () => true,
    deleteClient: async () => undefined,
  });
  const sessions = strictMock<SessionsService>('sessions', {
    requireApplication: async () => PLANOORDER,
    open: async () => {
      log.push('open');
      return { token: 'new-session-token', session: { id: 99 } as SessionView } as IssuedSession;
    },
  });
  const applications = strictMock<ApplicationsService>('applications', { baseUrlOf: (slug) => `https://${slug}.example.test` });
  const pending = strictMock<PendingRegistrations>('pending', {
    sendThenActivate: async (_message, write) => {
      log.push('sendThenActivate');
      if (options.sendFails) {
        await write.remove();
        throw SEND_FAILED;
      }
      await write.activate();
    },
  });
  const transactions = loggedTransactions<Transactions>(log);
  const service = new ClientsRegistrationService(accounts, sessions, applications, pending, passwords, transactions);
  return { service, accounts, sessions, pending, passwords, transactions, log };
}

const client = { ip: '198.51.100.4', userAgent: 'jest' };

const uniqueViolation = () => new QueryFailedError('INSERT INTO clients', [], Object.assign(new Error('duplicate key'), { code: '23505' }));

describe('ClientsRegistrationService.register', () => {
  it('writes the user pending with the password’s hash, never the password, and its client with the registration’s fields', async () => {
    const { service, accounts, passwords } = build();
    await service.register(registration, client, 'default');
    expect(passwords.hash).toHaveBeenCalledWith(PASSWORD);
    expect(accounts.createUser).toHaveBeenCalledWith({
      email: registration.email,
      passwordHash: PASSWORD_HASH,
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: registration.phone,
      pending: true,
    });
    expect(accounts.createClient).toHaveBeenCalledWith(USER_ID, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: registration.phone,
      companyId: undefined,
      companyName: 'Analytical Engines',
      enterprise: 'AE',
    });
    expect(JSON.stringify(accounts.createUser.mock.calls)).not.toContain(PASSWORD);
  });

  it('writes user, client and session in one transaction, and sends the welcome email only after it has closed', async () => {
    const { service, pending, sessions, log } = build();
    await service.register(registration, client, 'default');
    expect(log).toEqual(['hash', 'begin', 'createUser', 'createClient', 'open', 'commit', 'sendThenActivate']);
    expect(sessions.open).toHaveBeenCalledWith(newUser, PLANOORDER, client);
    expect(pending.sendThenActivate).toHaveBeenCalledWith(welcomeEmail(newUser, PLANOAUTH_URL), expect.anything());
  });

  it('activates the new user once the email is sent; removes it when the send fails, which fails the registration', async () => {
    const sent = build();
    await sent.service.register(registration, client, 'default');
    expect(sent.accounts.activateUser).toHaveBeenCalledWith(USER_ID);
    expect(sent.accounts.deleteUser).not.toHaveBeenCalled();

    const failed = build({ sendFails: true });
    await expect(failed.service.register(registration, client, 'default')).rejects.toBe(SEND_FAILED);
    expect(failed.accounts.deleteUser).toHaveBeenCalledWith(USER_ID);
    expect(failed.accounts.activateUser).not.toHaveBeenCalled();
  });

  it('answers the session’s token and the client, whose email is the new user’s', async () => {
    const { service } = build();
    await expect(service.register(registration, client, 'default')).resolves.toEqual({
      token: 'new-session-token',
      session: { id: 99 },
      client: expect.objectContaining({ id: CLIENT_ID, user_id: USER_ID, email: registration.email, first_name: 'Ada' }),
    });
  });

  it('lets a taken email (email-already-registered from accounts) through, rolling back with no session and no email', async () => {
    const taken = new PlanoException('email-already-registered');
    const { service, pending, sessions, log } = build({ createUserFails: taken });
    await expect(service.register(registration, client, 'default')).rejects.toBe(taken);
    expect(log).toEqual(['hash', 'begin', 'createUser', 'rollback']);
    expect(sessions.open).not.toHaveBeenCalled();
    expect(pending.sendThenActivate).not.toHaveBeenCalled();
  });
});

describe('ClientsRegistrationService.registerCaller', () => {
  it('refuses a caller who already holds any role with already-registered, writing nothing', async () => {
    const { service, accounts } = build();
    for (const roles of [{ clientId: 1 }, { employeeId: 2 }, { liaisonId: 3 }]) {
      await expect(refusal(service.registerCaller(callerWith(roles), {}, 'default'))).resolves.toEqual({
        slug: 'invalid-param',
        message: 'This user already has a role; users/client_register is for users who have none.',
        errors: [{ param: 'token', problem: 'already-registered' }],
      });
    }
    expect(accounts.createClient).not.toHaveBeenCalled();
  });

  it('writes a pending client for the caller’s user, its names and phone taken from the user unless given', async () => {
    const { service, accounts } = build();
    await service.registerCaller(callerWith({}), { lastName: 'Brewster', companyId: 5 }, 'default');
    expect(accounts.createClient).toHaveBeenCalledWith(callerUser.id, {
      firstName: 'Grace',
      lastName: 'Brewster',
      phone: callerUser.phone,
      companyId: 5,
      companyName: undefined,
      pending: true,
    });
  });

  it('turns a unique violation (a concurrent call made the client first) into already-registered; other failures pass unchanged', async () => {
    const raced = build({ createClientFails: uniqueViolation() });
    await expect(refusal(raced.service.registerCaller(callerWith({}), {}, 'default'))).resolves.toMatchObject({
      slug: 'invalid-param',
      errors: [{ param: 'token', problem: 'already-registered' }],
    });
    expect(raced.pending.sendThenActivate).not.toHaveBeenCalled();

    const otherFailure = new Error('disk full');
    await expect(build({ createClientFails: otherFailure }).service.registerCaller(callerWith({}), {}, 'default')).rejects.toBe(otherFailure);
  });

  it('sends the welcome email to the caller with no transaction, then activates the client record, or removes it (never the user)', async () => {
    const sent = build();
    const view = await sent.service.registerCaller(callerWith({}), { firstName: 'Amazing' }, 'default');
    expect(sent.pending.sendThenActivate).toHaveBeenCalledWith(
      welcomeEmail({ email: callerUser.email, firstName: 'Amazing', lastName: 'Hopper' }, PLANOAUTH_URL),
      expect.anything(),
    );
    expect(sent.transactions.run).not.toHaveBeenCalled();
    expect(sent.accounts.activateClient).toHaveBeenCalledWith(CLIENT_ID);
    expect(view).toMatchObject({ id: CLIENT_ID, email: callerUser.email, first_name: 'Amazing' });

    const failed = build({ sendFails: true });
    await expect(failed.service.registerCaller(callerWith({}), {}, 'default')).rejects.toBe(SEND_FAILED);
    expect(failed.accounts.deleteClient).toHaveBeenCalledWith(CLIENT_ID);
    expect(failed.accounts.deleteUser).not.toHaveBeenCalled();
  });
});
