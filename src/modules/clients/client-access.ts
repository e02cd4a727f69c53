import { Injectable } from '@nestjs/common';
import { PlanoException } from '../../common/status/plano.exception.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { ClientReadModel } from '../accounts/account.read-models.js';
import { isStaff } from '../auth/roles.js';
import type { SessionAuth } from '../auth/auth-context.js';

/**
 * The one place that decides which clients a caller may act for (CONTRACT.md §9, §11):
 * staff any client, a client only itself, a liaison only its linked clients. A user holding several
 * roles gets the rights of each. Anything else fails exactly as a nonexistent id does, so the
 * answer never tells whether a client exists (no enumeration).
 */
@Injectable()
export class ClientAccess {
  constructor(private readonly accounts: AccountsService) {}

  /** The client (with its user), if the caller may use it: read it, act for it. `param` names the id in the error. */
  assertCanUse(caller: SessionAuth, clientId: number, param = 'id'): Promise<ClientReadModel> {
    return this.resolve(caller, clientId, param, { liaisons: true });
  }

  /**
   * The same rule as assertCanUse without reading the client, for callers that need only the
   * permission: a client acting for itself costs no query at all (the token check found its
   * client record), staff one existence check, a liaison one link check.
   */
  async assertCanActFor(caller: SessionAuth, clientId: number, param = 'id'): Promise<void> {
    const { roles } = caller;
    if (roles.clientId === clientId) return;
    if (isStaff(roles) && (await this.accounts.clientExists(clientId))) return;
    if (roles.liaisonId !== null && (await this.accounts.liaisonIsLinkedTo(roles.liaisonId, clientId))) return;
    throw PlanoException.notFoundOrNotYours(param, clientId);
  }

  /** The client (with its user), if the caller may change it: staff, or the client itself. Liaisons act for clients but do not edit them. */
  assertCanEdit(caller: SessionAuth, clientId: number, param = 'id'): Promise<ClientReadModel> {
    return this.resolve(caller, clientId, param, { liaisons: false });
  }

  /**
   * Every client the caller may use, for list queries: 'all' for staff, else the caller's own
   * client and the clients its liaison record is linked to (the union when it holds both roles).
   */
  async clientIdsUsableBy(caller: SessionAuth): Promise<'all' | number[]> {
    const { roles } = caller;
    if (isStaff(roles)) return 'all';
    const linked = roles.liaisonId === null ? [] : await this.accounts.clientIdsOfLiaison(roles.liaisonId);
    return [...new Set([...(roles.clientId === null ? [] : [roles.clientId]), ...linked])];
  }

  private async resolve(caller: SessionAuth, clientId: number, param: string, allow: { liaisons: boolean }): Promise<ClientReadModel> {
    const { roles } = caller;
    const client = await this.accounts.findClientWithUser(clientId);
    if (client !== null) {
      if (isStaff(roles) || roles.clientId === client.id) return client;
      if (allow.liaisons && roles.liaisonId !== null && (await this.accounts.liaisonIsLinkedTo(roles.liaisonId, client.id))) return client;
    }
    throw PlanoException.notFoundOrNotYours(param, clientId);
  }
}
