import { loggedTransactions, strictMock } from '../../../test/support/automock.js';
import type { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { Transactions } from '../../database/transactions.js';
import type { LiaisonReadModel, UserReadModel } from '../accounts/account.read-models.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { CreateEmployeeDto, CreateLiaisonDto } from './dto/staff-accounts.dto.js';
import { StaffAccountsService } from './staff-accounts.service.js';
import { refusal } from '../../../test/support/refusal.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const PASSWORD_HASH = '$argon2id$v=19$stored';
const USER_ID = 21;
const EMPLOYEE_ID = 3;
const LIAISON_ID = 5;
const UNKNOWN_LIAISON = 77;

const account = { email: 'ada@example.com', password: 'correct horse battery staple', first_name: 'Ada', last_name: 'Lovelace' };
const user: UserReadModel = { id: USER_ID, email: account.email, firstName: 'Ada', lastName: 'Lovelace', phone: null, rememberMe: false, createdAt: NOW, pendingSince: null };

/**
 * The service over strict mocks. Clients 1..9 exist; `readBack` is what reading the liaison back
 * answers (null: it vanished). `log` records the order of the calls and the transaction's bounds.
 */
function build(options: { createUserFails?: unknown; readBack?: LiaisonReadModel | null } = {}) {
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
      return user;
    },
    createEmployee: async (userId, admin) => {
      log.push('createEmployee');
      return { id: EMPLOYEE_ID, userId, admin };
    },
    createLiaison: async (userId) => {
      log.push('createLiaison');
      return { id: LIAISON_ID, userId };
    },
    missingClientIds: async (clientIds) => {
      log.push('missingClientIds');
      return [...new Set(clientIds)].filter((id) => id > 9).sort((a, b) => a - b);
    },
    lockLiaisonForUpdate: async (liaisonId) => {
      log.push('lockLiaisonForUpdate');
      return liaisonId === LIAISON_ID;
    },
    replaceLiaisonClients: async () => {
      log.push('replaceLiaisonClients');
    },
    findLiaisonWithUserAndClients: async (liaisonId) => {
      log.push('findLiaisonWithUserAndClients');
      if (options.readBack !== undefined) return options.readBack;
      return { id: liaisonId, userId: USER_ID, user, clients: [{ id: 4 }, { id: 2 }] };
    },
  });
  const transactions = loggedTransactions<Transactions>(log);
  return { service: new StaffAccountsService(accounts, passwords, transactions), accounts, passwords, log };
}

describe('StaffAccountsService.createEmployee', () => {
  it('hashes the password first, then writes the user and its employee record in one transaction', async () => {
    const { service, accounts, passwords, log } = build();
    const view = await service.createEmployee(account as CreateEmployeeDto);
    expect(passwords.hash).toHaveBeenCalledWith(account.password);
    expect(accounts.createUser).toHaveBeenCalledWith({ email: account.email, passwordHash: PASSWORD_HASH, firstName: 'Ada', lastName: 'Lovelace' });
    expect(log).toEqual(['hash', 'begin', 'createUser', 'createEmployee', 'commit']);
    expect(view).toMatchObject({ id: EMPLOYEE_ID, user_id: USER_ID, admin: false, user: { email: account.email } });
  });

  it('makes an admin only when asked to', async () => {
    const { service, accounts } = build();
    await service.createEmployee(account as CreateEmployeeDto);
    await service.createEmployee({ ...account, admin: true } as CreateEmployeeDto);
    expect(accounts.createEmployee.mock.calls).toEqual([
      [USER_ID, false],
      [USER_ID, true],
    ]);
  });

  it('writes no employee record when the user cannot be created (a taken email), rolling back', async () => {
    const taken = new PlanoException('email-already-registered');
    const { service, accounts, log } = build({ createUserFails: taken });
    await expect(service.createEmployee(account as CreateEmployeeDto)).rejects.toBe(taken);
    expect(accounts.createEmployee).not.toHaveBeenCalled();
    expect(log).toEqual(['hash', 'begin', 'createUser', 'rollback']);
  });
});

describe('StaffAccountsService.createLiaison', () => {
  it('refuses unknown client ids with invalid-param listing them, inside the transaction and before any user is written', async () => {
    const { service, accounts, log } = build();
    const message = 'client_ids 12, 40 do not exist';
    await expect(refusal(service.createLiaison({ ...account, client_ids: [40, 1, 12] } as CreateLiaisonDto))).resolves.toEqual({
      slug: 'invalid-param',
      message,
      errors: [{ param: 'client_ids', problem: 'not-found', message }],
    });
    expect(accounts.createUser).not.toHaveBeenCalled();
    expect(log).toEqual(['hash', 'begin', 'missingClientIds', 'rollback']);
  });

  it('links the new liaison to each client once, then answers it as read back after the commit', async () => {
    const { service, accounts, log } = build();
    const view = await service.createLiaison({ ...account, client_ids: [4, 2, 4] } as CreateLiaisonDto);
    expect(accounts.missingClientIds).toHaveBeenCalledWith([4, 2]);
    expect(accounts.createLiaison).toHaveBeenCalledWith(USER_ID, [4, 2]);
    expect(accounts.findLiaisonWithUserAndClients).toHaveBeenCalledWith(LIAISON_ID);
    expect(log).toEqual(['hash', 'begin', 'missingClientIds', 'createUser', 'createLiaison', 'commit', 'findLiaisonWithUserAndClients']);
    expect(view).toMatchObject({ id: LIAISON_ID, user_id: USER_ID, client_ids: [2, 4] });
  });
});

describe('StaffAccountsService.relinkLiaison', () => {
  it('locks the liaison, checks the clients, then replaces its links, in one transaction', async () => {
    const { service, accounts, log } = build();
    await service.relinkLiaison(LIAISON_ID, [4, 2, 2]);
    expect(accounts.lockLiaisonForUpdate).toHaveBeenCalledWith(LIAISON_ID);
    expect(accounts.replaceLiaisonClients).toHaveBeenCalledWith(LIAISON_ID, [4, 2]);
    expect(log).toEqual(['begin', 'lockLiaisonForUpdate', 'missingClientIds', 'replaceLiaisonClients', 'commit', 'findLiaisonWithUserAndClients']);
  });

  it('refuses an unknown liaison id with invalid-param not-found on id, replacing nothing', async () => {
    const { service, accounts } = build();
    const message = `id ${UNKNOWN_LIAISON} does not exist`;
    await expect(refusal(service.relinkLiaison(UNKNOWN_LIAISON, [1]))).resolves.toEqual({
      slug: 'invalid-param',
      message,
      errors: [{ param: 'id', problem: 'not-found', message }],
    });
    expect(accounts.replaceLiaisonClients).not.toHaveBeenCalled();
  });

  it('reports an unknown liaison and unknown clients together', async () => {
    const { service } = build();
    await expect(refusal(service.relinkLiaison(UNKNOWN_LIAISON, [3, 15]))).resolves.toEqual({
      slug: 'invalid-param',
      message: `id ${UNKNOWN_LIAISON} does not exist; client_ids 15 does not exist`,
      errors: [
        { param: 'id', problem: 'not-found', message: `id ${UNKNOWN_LIAISON} does not exist` },
        { param: 'client_ids', problem: 'not-found', message: 'client_ids 15 does not exist' },
      ],
    });
  });

  it('answers application-crash when the liaison cannot be read back after the write', async () => {
    const { service, accounts } = build({ readBack: null });
    await expect(refusal(service.relinkLiaison(LIAISON_ID, [1]))).resolves.toMatchObject({ slug: 'application-crash' });
    expect(accounts.replaceLiaisonClients).toHaveBeenCalledWith(LIAISON_ID, [1]);
  });
});
