import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException, type ParamError } from '../../common/status/plano.exception.js';
import { Transactions } from '../../database/transactions.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { CreateEmployeeDto, CreateLiaisonDto } from './dto/staff-accounts.dto.js';
import { toEmployeeView, toLiaisonView, type EmployeeView, type LiaisonView } from './staff.views.js';

/**
 * Staff creating the accounts of other staff and of liaisons, and managing liaisons' client links.
 * Each change is one transaction: a failure (a taken email, an unknown client) leaves nothing behind.
 */
@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordHasher,
    private readonly transactions: Transactions,
  ) {}

  /** `employees/create`: a user and its employee record. A taken email → email-already-registered. */
  async createEmployee(params: CreateEmployeeDto): Promise<EmployeeView> {
    const passwordHash = await this.passwords.hash(params.password);
    const { user, employee } = await this.transactions.run(async () => {
      const user = await this.accounts.createUser({ email: params.email, passwordHash, firstName: params.first_name, lastName: params.last_name });
      const employee = await this.accounts.createEmployee(user.id, params.admin ?? false);
      return { user, employee };
    });
    return toEmployeeView(employee, user);
  }

  /** `liaisons/create`: a user, its liaison record and its client links. */
  async createLiaison(params: CreateLiaisonDto): Promise<LiaisonView> {
    const clientIds = distinct(params.client_ids);
    const passwordHash = await this.passwords.hash(params.password);
    const liaisonId = await this.transactions.run(async () => {
      throwIfAny(await this.unknownClientErrors(clientIds));
      const user = await this.accounts.createUser({ email: params.email, passwordHash, firstName: params.first_name, lastName: params.last_name });
      return (await this.accounts.createLiaison(user.id, clientIds)).id;
    });
    return this.liaisonView(liaisonId);
  }

  /** `liaisons/update`: the liaison's client links become exactly `clientIds` (a concurrent update waits, then replaces). */
  async relinkLiaison(liaisonId: number, clientIds: number[]): Promise<LiaisonView> {
    const wanted = distinct(clientIds);
    await this.transactions.run(async () => {
      const errors: ParamError[] = [];
      if (!(await this.accounts.lockLiaisonForUpdate(liaisonId))) errors.push({ param: 'id', problem: 'not-found', message: `id ${liaisonId} does not exist` });
      throwIfAny([...errors, ...(await this.unknownClientErrors(wanted))]);
      await this.accounts.replaceLiaisonClients(liaisonId, wanted);
    });
    return this.liaisonView(liaisonId);
  }

  private async unknownClientErrors(clientIds: number[]): Promise<ParamError[]> {
    const missing = await this.accounts.missingClientIds(clientIds);
    if (missing.length === 0) return [];
    const message = `client_ids ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist`;
    return [{ param: 'client_ids', problem: 'not-found', message }];
  }

  private async liaisonView(liaisonId: number): Promise<LiaisonView> {
    const liaison = await this.accounts.findLiaisonWithUserAndClients(liaisonId);
    if (!liaison?.user) throw new PlanoException('application-crash', { cause: new Error(`liaison ${liaisonId} vanished after being written`) });
    return toLiaisonView({ ...liaison, user: liaison.user });
  }
}

function distinct(ids: number[]): number[] {
  return [...new Set(ids)];
}

function throwIfAny(errors: ParamError[]): void {
  if (errors.length > 0) {
    throw new PlanoException('invalid-param', { message: errors.map((error) => error.message ?? error.param).join('; '), errors });
  }
}
