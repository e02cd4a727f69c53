import { Injectable } from '@nestjs/common';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { isUniqueViolation } from '../../database/errors.js';
import { EMPTY_CLIENT_PROFILE, type ClientReadModel, type EmployeeReadModel, type LiaisonReadModel, type UserReadModel, type UserWithPasswordHash } from './account.read-models.js';
import type { IndexQuery } from '../../common/index-query/index-spec.js';
import { AccountsRepository, type ClientChanges } from './accounts.repository.js';
import type { ClientEntity } from './entities/client.entity.js';
import type { UserEntity } from './entities/user.entity.js';
import type { Roles } from '../auth/roles.js';

export interface NewUser {
  readonly email: string;
  readonly passwordHash: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string | null;
  /** Written pending (CONTRACT.md §12): unusable until activateUser. */
  readonly pending?: boolean;
}

export interface NewClient {
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string | null;
  readonly companyId?: number | null;
  readonly companyName?: string | null;
  readonly enterprise?: string | null;
  /** Written pending: no role until activateClient. */
  readonly pending?: boolean;
  /** false: deactivated from the start (the demo data's deactivated client). Default true. */
  readonly active?: boolean;
}

/** Emails are compared lower-cased and trimmed; the unique index then makes them unique case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Users and their role records: the rules of accounts (emails normalised, one account per email,
 * timestamps from the clock). Its queries are AccountsRepository's; inside a transaction
 * (Transactions.run) they are part of it. What it hands out are read models, never its entities.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly clock: Clock,
  ) {}

  /** With the password hash: for sign-in, which verifies it. */
  async findUserByEmail(email: string): Promise<UserWithPasswordHash | null> {
    const user = await this.accounts.userWithEmail(normalizeEmail(email));
    return user && { ...userReadModel(user), passwordHash: user.passwordHash };
  }

  async findUserById(id: number): Promise<UserReadModel | null> {
    const user = await this.accounts.userWithId(id);
    return user && userReadModel(user);
  }

  /** The user's password hash; null when they have none (or no longer exist). */
  async passwordHashOf(userId: number): Promise<string | null> {
    return (await this.accounts.userWithId(userId))?.passwordHash ?? null;
  }

  /** The user's role records, in one query. */
  rolesOf(userId: number): Promise<Roles> {
    return this.accounts.rolesOf(userId);
  }

  /** Creates a user; an email that already has one → `email-already-registered` (the unique index decides, race-free). */
  async createUser(newUser: NewUser): Promise<UserReadModel> {
    const now = this.clock.now();
    try {
      const user = await this.accounts.addUser({
        email: normalizeEmail(newUser.email),
        passwordHash: newUser.passwordHash,
        firstName: newUser.firstName,
        lastName: newUser.lastName,
        phone: newUser.phone ?? null,
        rememberMe: false,
        createdAt: now,
        updatedAt: now,
        pendingSince: newUser.pending ? now : null,
      });
      return userReadModel(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlanoException('email-already-registered');
      throw error;
    }
  }

  async createClient(userId: number, client: NewClient): Promise<ClientReadModel> {
    const now = this.clock.now();
    const created = await this.accounts.addClient({
      userId,
      firstName: client.firstName,
      lastName: client.lastName,
      phone: client.phone ?? null,
      companyId: client.companyId ?? null,
      companyName: client.companyName ?? null,
      enterprise: client.enterprise ?? null,
      ...EMPTY_CLIENT_PROFILE,
      active: client.active ?? true,
      createdAt: now,
      updatedAt: now,
      pendingSince: client.pending ? now : null,
    });
    return clientReadModel(created);
  }

  async createEmployee(userId: number, admin: boolean): Promise<EmployeeReadModel> {
    const employee = await this.accounts.addEmployee(userId, admin, this.clock.now());
    return { id: employee.id, userId: employee.userId, admin: employee.admin };
  }

  async createLiaison(userId: number, clientIds: number[]): Promise<LiaisonReadModel> {
    const liaison = await this.accounts.addLiaison(userId, clientIds, this.clock.now());
    return { id: liaison.id, userId: liaison.userId };
  }

  adminExists(): Promise<boolean> {
    return this.accounts.adminExists();
  }

  setRememberMe(userId: number, rememberMe: boolean): Promise<void> {
    return this.accounts.setRememberMe(userId, rememberMe, this.clock.now());
  }

  setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    return this.accounts.setPasswordHash(userId, passwordHash, this.clock.now());
  }

  /** Removes a user and, by cascade, their role records and sessions (undoing a failed registration). */
  deleteUser(userId: number): Promise<void> {
    return this.accounts.removeUser(userId);
  }

  /**
   * A pending user becomes a usable account. False if it is no longer there (the stale-pending
   * sweep removed it): the caller's registration did not happen after all.
   */
  activateUser(userId: number): Promise<boolean> {
    return this.accounts.activatePendingUser(userId);
  }

  /** A pending client record becomes a role. False if it is no longer there. */
  activateClient(clientId: number): Promise<boolean> {
    return this.accounts.activatePendingClient(clientId);
  }

  /**
   * Removes users and client records still pending since before `cutoff` (their registration's
   * process stopped mid-send); a user's removal takes its client record and sessions with it.
   */
  removePendingSince(cutoff: Date): Promise<{ users: number; clients: number }> {
    return this.accounts.removePendingSince(cutoff);
  }

  /** Removes one client record (undoing a failed users/client_register). */
  deleteClient(clientId: number): Promise<void> {
    return this.accounts.removeClient(clientId);
  }

  // Staff management of clients and liaisons (the staff module: clients/index|read|update, liaisons/create|update).

  /** A client with its user's email, or null. */
  async findClientWithUser(clientId: number): Promise<ClientReadModel | null> {
    const client = await this.accounts.clientWithUser(clientId);
    return client && clientReadModel(client);
  }

  /** Whether a client record has this id. */
  clientExists(clientId: number): Promise<boolean> {
    return this.accounts.clientExists(clientId);
  }

  /** Whether the liaison acts for the client (a liaison_clients row links them). */
  liaisonIsLinkedTo(liaisonId: number, clientId: number): Promise<boolean> {
    return this.accounts.liaisonIsLinkedTo(liaisonId, clientId);
  }

  /** The ids of the clients the liaison acts for, ascending. */
  clientIdsOfLiaison(liaisonId: number): Promise<number[]> {
    return this.accounts.clientIdsOfLiaison(liaisonId);
  }

  /** One page of the clients matching the search (see AccountsRepository.searchClients), with their users' emails. */
  async searchClients(query: IndexQuery): Promise<{ clients: ClientReadModel[]; total: number | null }> {
    const { clients, total } = await this.accounts.searchClients(query);
    return { clients: clients.map(clientReadModel), total };
  }

  /** Writes the given fields of a client (undefined = unchanged; null clears) with updated_at from the clock; answers it reloaded with its user. */
  async updateClient(
    clientId: number,
    changes: Readonly<Omit<ClientChanges, 'updatedAt'>>,
  ): Promise<ClientReadModel> {
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as ClientChanges;
    const written = Object.keys(given).length > 0 ? { ...given, updatedAt: this.clock.now() } : {};
    return clientReadModel(await this.accounts.changeClient(clientId, written));
  }

  /** Of these client ids, the ones no client has (distinct, ascending). */
  async missingClientIds(clientIds: readonly number[]): Promise<number[]> {
    const existing = await this.accounts.existingClientIds(clientIds);
    return [...new Set(clientIds)].filter((id) => !existing.has(id)).sort((a, b) => a - b);
  }

  /** A liaison with its user and linked clients, or null. */
  async findLiaisonWithUserAndClients(liaisonId: number): Promise<LiaisonReadModel | null> {
    const liaison = await this.accounts.liaisonWithUserAndClients(liaisonId);
    if (!liaison) return null;
    return {
      id: liaison.id,
      userId: liaison.userId,
      user: liaison.user && userReadModel(liaison.user),
      clients: liaison.clients?.map((client) => ({ id: client.id })),
    };
  }

  /**
   * Whether the liaison exists. On PostgreSQL its row is also locked until the caller's transaction
   * (Transactions.run, which it must be called in) ends, so concurrent relinks of one liaison run
   * one after the other; SQLite transactions are serialised already (see Transactions).
   */
  lockLiaisonForUpdate(liaisonId: number): Promise<boolean> {
    return this.accounts.lockLiaison(liaisonId);
  }

  /** The liaison's client links become exactly `clientIds` (distinct and existing), inside the caller's transaction. */
  replaceLiaisonClients(liaisonId: number, clientIds: readonly number[]): Promise<void> {
    return this.accounts.replaceLiaisonClients(liaisonId, clientIds);
  }
}

// Rows leave this module as plain read models: copies of the fields other modules may read, so
// none of them can save, lazy-load or log a record (a user's password hash) it was handed to read.

function userReadModel(user: UserEntity): UserReadModel {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone,
    rememberMe: user.rememberMe,
    createdAt: user.createdAt,
    pendingSince: user.pendingSince,
  };
}

function clientReadModel(client: ClientEntity): ClientReadModel {
  return {
    id: client.id,
    userId: client.userId,
    firstName: client.firstName,
    lastName: client.lastName,
    phone: client.phone,
    companyId: client.companyId,
    companyName: client.companyName,
    enterprise: client.enterprise,
    active: client.active,
    assistantFirstName: client.assistantFirstName,
    assistantLastName: client.assistantLastName,
    assistantPhone: client.assistantPhone,
    assistantEmails: client.assistantEmails,
    additionalEmails: client.additionalEmails,
    employeeNotes: client.employeeNotes,
    realtorLicense: client.realtorLicense,
    bio: client.bio,
    displayName: client.displayName,
    useDisplayName: client.useDisplayName,
    displayEmail: client.displayEmail,
    useDisplayEmail: client.useDisplayEmail,
    createdAt: client.createdAt,
    updatedAt: client.updatedAt,
    ...(client.user ? { user: { email: client.user.email } } : {}),
  };
}
