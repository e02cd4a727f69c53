import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Not, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { isUniqueViolation } from '../../database/errors.js';
import { Transactions } from '../../database/transactions.js';
import type { ClientReadModel, LiaisonReadModel } from './account.read-models.js';
import { ClientEntity } from './entities/client.entity.js';
import { EmployeeEntity } from './entities/employee.entity.js';
import { LiaisonEntity } from './entities/liaison.entity.js';
import { UserEntity } from './entities/user.entity.js';
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
}

/** Emails are compared lower-cased and trimmed; the unique index then makes them unique case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Users and their role records. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly transactions: Transactions,
  ) {}

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  /** Pass the transaction's manager when called inside one: see Transactions. */
  findUserById(id: number, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { id });
  }

  /** The user's role records, in one query. */
  async rolesOf(userId: number): Promise<Roles> {
    const row = await this.users
      .createQueryBuilder('u')
      .leftJoin(ClientEntity, 'c', 'c.user_id = u.id AND c.pending_since IS NULL')
      .leftJoin(EmployeeEntity, 'e', 'e.user_id = u.id')
      .leftJoin(LiaisonEntity, 'l', 'l.user_id = u.id')
      .select(['c.id AS client_id', 'e.id AS employee_id', 'e.admin AS admin', 'l.id AS liaison_id'])
      .where('u.id = :userId', { userId })
      .getRawOne<{ client_id: number | null; employee_id: number | null; admin: boolean | number | null; liaison_id: number | null }>();
    return {
      clientId: row?.client_id ?? null,
      employeeId: row?.employee_id ?? null,
      admin: Boolean(row?.admin), // SQLite answers 0/1
      liaisonId: row?.liaison_id ?? null,
    };
  }

  /** Creates a user; an email that already has one → `email-already-registered` (the unique index decides, race-free). */
  async createUser(newUser: NewUser, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    const now = this.clock.now();
    const user = manager.create(UserEntity, {
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
    try {
      return await manager.save(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlanoException('email-already-registered');
      throw error;
    }
  }

  async createClient(userId: number, client: NewClient, manager: EntityManager = this.dataSource.manager): Promise<ClientEntity> {
    const now = this.clock.now();
    return manager.save(
      manager.create(ClientEntity, {
        userId,
        firstName: client.firstName,
        lastName: client.lastName,
        phone: client.phone ?? null,
        companyId: client.companyId ?? null,
        companyName: client.companyName ?? null,
        enterprise: client.enterprise ?? null,
        active: true,
        createdAt: now,
        updatedAt: now,
        pendingSince: client.pending ? now : null,
      }),
    );
  }

  async createEmployee(userId: number, admin: boolean, manager: EntityManager = this.dataSource.manager): Promise<EmployeeEntity> {
    return manager.save(manager.create(EmployeeEntity, { userId, admin, createdAt: this.clock.now() }));
  }

  async createLiaison(userId: number, clientIds: number[], manager: EntityManager = this.dataSource.manager): Promise<LiaisonEntity> {
    const clients = clientIds.map((id) => ({ id }) as ClientEntity);
    return manager.save(manager.create(LiaisonEntity, { userId, clients, createdAt: this.clock.now() }));
  }

  async adminExists(): Promise<boolean> {
    return this.dataSource.getRepository(EmployeeEntity).existsBy({ admin: true });
  }

  async setRememberMe(userId: number, rememberMe: boolean): Promise<void> {
    await this.users.update({ id: userId }, { rememberMe, updatedAt: this.clock.now() });
  }

  async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    await this.users.update({ id: userId }, { passwordHash, updatedAt: this.clock.now() });
  }

  /** Runs work in one transaction (registration: user + role + session, all or nothing). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  /** Removes a user and, by cascade, their role records and sessions (undoing a failed registration). */
  async deleteUser(userId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(UserEntity, { id: userId });
  }

  /**
   * A pending user becomes a usable account. False if it is no longer there (the stale-pending
   * sweep removed it): the caller's registration did not happen after all.
   */
  async activateUser(userId: number): Promise<boolean> {
    const result = await this.users.update({ id: userId, pendingSince: Not(IsNull()) }, { pendingSince: null });
    return result.affected === 1;
  }

  /** A pending client record becomes a role. False if it is no longer there. */
  async activateClient(clientId: number): Promise<boolean> {
    const result = await this.dataSource.getRepository(ClientEntity).update({ id: clientId, pendingSince: Not(IsNull()) }, { pendingSince: null });
    return result.affected === 1;
  }

  /**
   * Removes users and client records still pending since before `cutoff` (their registration's
   * process stopped mid-send); a user's removal takes its client record and sessions with it.
   */
  async removePendingSince(cutoff: Date): Promise<{ users: number; clients: number }> {
    const users = await this.users.delete({ pendingSince: LessThan(cutoff) });
    const clients = await this.dataSource.getRepository(ClientEntity).delete({ pendingSince: LessThan(cutoff) });
    return { users: users.affected ?? 0, clients: clients.affected ?? 0 };
  }

  /** Removes one client record (undoing a failed users/client_register). */
  async deleteClient(clientId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(ClientEntity, { id: clientId });
  }

  // Staff management of clients and liaisons (the staff module: clients/index|read|update, liaisons/create|update).

  /** A client with its user loaded (the view's email), or null. */
  findClientWithUser(clientId: number): Promise<ClientReadModel | null> {
    return this.dataSource.getRepository(ClientEntity).findOne({ where: { id: clientId }, relations: { user: true } });
  }

  /** Whether the liaison acts for the client (a liaison_clients row links them). */
  async liaisonIsLinkedTo(liaisonId: number, clientId: number): Promise<boolean> {
    const link: unknown = await this.dataSource
      .createQueryBuilder()
      .select('lc.client_id', 'client_id')
      .from('liaison_clients', 'lc')
      .where('lc.liaison_id = :liaisonId AND lc.client_id = :clientId', { liaisonId, clientId })
      .getRawOne();
    return link !== undefined && link !== null;
  }

  /** The ids of the clients the liaison acts for, ascending. */
  async clientIdsOfLiaison(liaisonId: number): Promise<number[]> {
    const rows: Array<{ client_id: number | string }> = await this.dataSource
      .createQueryBuilder()
      .select('lc.client_id', 'client_id')
      .from('liaison_clients', 'lc')
      .where('lc.liaison_id = :liaisonId', { liaisonId })
      .orderBy('lc.client_id', 'ASC')
      .getRawMany();
    return rows.map((row) => Number(row.client_id));
  }

  /**
   * One page of clients (with their users) where `term` is a case-insensitive substring of any of
   * `attributes`, sorted as asked and then by id; plus the total of matches when asked. LOWER() on
   * both sides with an explicit ESCAPE matches the same way on SQLite and PostgreSQL (for ASCII
   * letters: SQLite's LOWER leaves other letters as they are). Text sorts compare LOWER() values
   * with nulls last, because the engines' default collations and null orders differ.
   */
  async searchClients(query: {
    readonly term: string | null;
    readonly attributes: readonly ('first_name' | 'last_name' | 'email' | 'company_name' | 'phone')[];
    readonly sort: 'id' | 'first_name' | 'last_name' | 'company_name' | 'created_at';
    readonly order: 'ASC' | 'DESC';
    readonly offset: number;
    readonly limit: number;
    readonly withTotal: boolean;
  }): Promise<{ clients: ClientReadModel[]; total: number | null }> {
    const searchable = { first_name: 'c.first_name', last_name: 'c.last_name', email: 'u.email', company_name: 'c.company_name', phone: 'c.phone' };
    const sortable = {
      id: 'c.id',
      first_name: 'LOWER(c.first_name)',
      last_name: 'LOWER(c.last_name)',
      company_name: 'LOWER(c.company_name)',
      created_at: 'c.created_at',
    };
    const builder = this.dataSource.getRepository(ClientEntity).createQueryBuilder('c').innerJoinAndSelect('c.user', 'u');
    if (query.term !== null && query.attributes.length > 0) {
      const pattern = `%${query.term.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
      const matches = query.attributes.map((attribute) => `LOWER(${searchable[attribute]}) LIKE LOWER(:pattern) ESCAPE '\\'`);
      builder.where(`(${matches.join(' OR ')})`, { pattern });
    }
    const total = query.withTotal ? await builder.getCount() : null;
    const clients = await builder
      .orderBy(sortable[query.sort], query.order, 'NULLS LAST')
      .addOrderBy('c.id', query.order)
      .offset(query.offset)
      .limit(query.limit)
      .getMany();
    return { clients, total };
  }

  /** Writes the given fields of a client (undefined = unchanged; null clears) with updated_at from the clock; answers it reloaded with its user. */
  async updateClient(
    clientId: number,
    changes: {
      readonly firstName?: string;
      readonly lastName?: string;
      readonly phone?: string | null;
      readonly active?: boolean;
      readonly companyId?: number | null;
      readonly companyName?: string | null;
      readonly enterprise?: string | null;
    },
  ): Promise<ClientReadModel> {
    const clients = this.dataSource.getRepository(ClientEntity);
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<ClientEntity>;
    if (Object.keys(given).length > 0) await clients.update({ id: clientId }, { ...given, updatedAt: this.clock.now() });
    return clients.findOneOrFail({ where: { id: clientId }, relations: { user: true } });
  }

  /** Of these client ids, the ones no client has (distinct, ascending). */
  async missingClientIds(clientIds: readonly number[], manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    if (clientIds.length === 0) return [];
    const found = await manager
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.id IN (:...clientIds)', { clientIds: [...clientIds] })
      .getRawMany<{ id: number | string }>();
    const existing = new Set(found.map((row) => Number(row.id)));
    return [...new Set(clientIds)].filter((id) => !existing.has(id)).sort((a, b) => a - b);
  }

  /** A liaison with its user and linked clients loaded, or null. */
  findLiaisonWithUserAndClients(liaisonId: number): Promise<LiaisonReadModel | null> {
    return this.dataSource.getRepository(LiaisonEntity).findOne({ where: { id: liaisonId }, relations: { user: true, clients: true } });
  }

  /**
   * Whether the liaison exists. On PostgreSQL its row is also locked until the caller's transaction
   * ends, so concurrent relinks of one liaison run one after the other; SQLite transactions are
   * serialised already (see Transactions).
   */
  async lockLiaisonForUpdate(liaisonId: number, manager: EntityManager): Promise<boolean> {
    const query = manager.getRepository(LiaisonEntity).createQueryBuilder('l').select('l.id').where('l.id = :liaisonId', { liaisonId });
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    return (await query.getOne()) !== null;
  }

  /** The liaison's client links become exactly `clientIds` (distinct and existing), inside the caller's transaction. */
  async replaceLiaisonClients(liaisonId: number, clientIds: readonly number[], manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().delete().from('liaison_clients').where('liaison_id = :liaisonId', { liaisonId }).execute();
    if (clientIds.length > 0) await manager.createQueryBuilder().relation(LiaisonEntity, 'clients').of(liaisonId).add([...clientIds]);
  }
}
