import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { SuccessSlug } from '../../common/status/status-catalogue.js';
import { isUniqueViolation } from '../../database/errors.js';
import { Transactions } from '../../database/transactions.js';
import type { ClientReadModel } from '../accounts/account.read-models.js';
import { AccountsService, type NewClient } from '../accounts/accounts.service.js';
import type { CreateClientDto } from './dto/create-client.dto.js';

export interface CreatedClient {
  /** `client-created-for-existing-email` when the email already had a user (typically a liaison). */
  readonly status: SuccessSlug;
  readonly client: ClientReadModel;
}

/**
 * `clients/create` (PlanoCore's Clients Create page): staff make a client for an email. A new
 * email gets a user and its client; an email whose user has no client (a liaison, say) gets a
 * client for that user, and the user is otherwise left as it is (its password too); an email
 * that already has a client is refused. No email is sent: the client signs in with the password
 * staff set, or by magic link.
 */
@Injectable()
export class ClientCreationService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordHasher,
    private readonly transactions: Transactions,
  ) {}

  async create(params: CreateClientDto): Promise<CreatedClient> {
    // Hashed before the transaction opens: argon2 is slow on purpose, and SQLite has one writer.
    const passwordHash = params.password === undefined ? null : await this.passwords.hash(params.password);
    const fields: NewClient = {
      firstName: params.first_name,
      lastName: params.last_name,
      phone: params.phone ?? null,
      companyId: params.company_id ?? null,
      companyName: params.company_name ?? null,
    };
    try {
      return await this.transactions.run(() => this.createFor(params.email, passwordHash, fields));
    } catch (error) {
      // A concurrent request created the user between our read and our insert: its transaction is
      // over, so the email now has a user, and a second try takes the existing-user path.
      if (error instanceof PlanoException && error.slug === 'email-already-registered') {
        return this.transactions.run(() => this.createFor(params.email, passwordHash, fields));
      }
      throw error;
    }
  }

  private async createFor(email: string, passwordHash: string | null, fields: NewClient): Promise<CreatedClient> {
    const existing = await this.accounts.findUserByEmail(email);
    if (!existing) {
      const user = await this.accounts.createUser({ email, passwordHash, firstName: fields.firstName, lastName: fields.lastName, phone: fields.phone });
      const client = await this.accounts.createClient(user.id, fields);
      return { status: 'action-successful', client: { ...client, user: { email: user.email } } };
    }
    // rolesOf does not count a pending client record: the unique index on clients.user_id does.
    if ((await this.accounts.rolesOf(existing.id)).clientId !== null) throw new PlanoException('email-already-client');
    try {
      const client = await this.accounts.createClient(existing.id, fields);
      return { status: 'client-created-for-existing-email', client: { ...client, user: { email: existing.email } } };
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlanoException('email-already-client');
      throw error;
    }
  }
}
