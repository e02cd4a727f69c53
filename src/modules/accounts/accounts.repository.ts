import { Injectable } from '@nestjs/common';
import { IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import type { IndexQuery } from '../../common/index-query/index-spec.js';
import { runIndexQuery, type IndexColumns } from '../../database/index-query.js';
import { Transactions } from '../../database/transactions.js';
import type { Roles } from '../auth/roles.js';
import type { ClientProfile } from './account.read-models.js';
import { ClientEntity } from './entities/client.entity.js';
import { EmployeeEntity } from './entities/employee.entity.js';
import { LiaisonEntity } from './entities/liaison.entity.js';
import { UserEntity } from './entities/user.entity.js';

/** A user row as AccountsService has settled it (email normalised, timestamps from its clock). */
export type NewUserRow = Omit<UserEntity, 'id'>;

/** A client row as AccountsService has settled it. */
export type NewClientRow = Omit<ClientEntity, 'id' | 'user'>;

/** The client fields a change may write (the others are the service's to keep). */
export type ClientChanges = Partial<
  Pick<ClientEntity, 'firstName' | 'lastName' | 'phone' | 'active' | 'companyId' | 'companyName' | 'enterprise' | keyof ClientProfile | 'updatedAt'>
>;

/** clients/index in SQL: the columns behind CLIENTS_INDEX's attributes and filters. */
const CLIENT_INDEX_COLUMNS: IndexColumns = {
  id: 'c.id',
  searchable: { first_name: 'c.first_name', last_name: 'c.last_name', email: 'u.email', company_name: 'c.company_name', phone: 'c.phone' },
  sortable: { id: 'c.id', first_name: 'LOWER(c.first_name)', last_name: 'LOWER(c.last_name)', company_name: 'LOWER(c.company_name)', created_at: 'c.created_at' },
  filters: { active_clients: 'c.active = TRUE', inactive_clients: 'c.active = FALSE' },
};

/**
 * The accounts tables (users, clients, employees, liaisons, liaison_clients), through methods named
 * for what AccountsService means by them. Every query goes through the ambient transaction's
 * manager when there is one (Transactions.manager()).
 */
@Injectable()
export class AccountsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  /** `email` as stored: already normalised. */
  userWithEmail(email: string): Promise<UserEntity | null> {
    return this.manager.findOneBy(UserEntity, { email });
  }

  userWithId(id: number): Promise<UserEntity | null> {
    return this.manager.findOneBy(UserEntity, { id });
  }

  /** The user's role records, in one query. */
  async rolesOf(userId: number): Promise<Roles> {
    const row = await this.manager
      .createQueryBuilder(UserEntity, 'u')
      .leftJoin(ClientEntity, 'c', 'c.user_id = u.id AND c.pending_since IS NULL')
      .leftJoin(EmployeeEntity, 'e', 'e.user_id = u.id')
      .leftJoin(LiaisonEntity, 'l', 'l.user_id = u.id')
      .select(['c.id AS client_id', 'c.active AS client_active', 'e.id AS employee_id', 'e.admin AS admin', 'l.id AS liaison_id'])
      .where('u.id = :userId', { userId })
      .getRawOne<{
        client_id: number | null;
        client_active: boolean | number | null;
        employee_id: number | null;
        admin: boolean | number | null;
        liaison_id: number | null;
      }>();
    return {
      clientId: row?.client_id ?? null,
      employeeId: row?.employee_id ?? null,
      admin: Boolean(row?.admin), // SQLite answers 0/1
      liaisonId: row?.liaison_id ?? null,
      clientInactive: row?.client_id != null && !row.client_active,
    };
  }

  /** Throws the driver's unique violation when the email is taken (the caller names it). */
  addUser(user: NewUserRow): Promise<UserEntity> {
    return this.manager.save(this.manager.create(UserEntity, user));
  }

  addClient(client: NewClientRow): Promise<ClientEntity> {
    return this.manager.save(this.manager.create(ClientEntity, client));
  }

  addEmployee(userId: number, admin: boolean, createdAt: Date): Promise<EmployeeEntity> {
    return this.manager.save(this.manager.create(EmployeeEntity, { userId, admin, createdAt }));
  }

  /** A liaison record linked to `clientIds` (liaison_clients rows), in one save. */
  addLiaison(userId: number, clientIds: readonly number[], createdAt: Date): Promise<LiaisonEntity> {
    const clients = clientIds.map((id) => ({ id }) as ClientEntity);
    return this.manager.save(this.manager.create(LiaisonEntity, { userId, clients, createdAt }));
  }

  adminExists(): Promise<boolean> {
    return this.manager.existsBy(EmployeeEntity, { admin: true });
  }

  async setRememberMe(userId: number, rememberMe: boolean, updatedAt: Date): Promise<void> {
    await this.manager.update(UserEntity, { id: userId }, { rememberMe, updatedAt });
  }

  async setPasswordHash(userId: number, passwordHash: string, updatedAt: Date): Promise<void> {
    await this.manager.update(UserEntity, { id: userId }, { passwordHash, updatedAt });
  }

  /** Removes a user and, by cascade, their role records and sessions. */
  async removeUser(userId: number): Promise<void> {
    await this.manager.delete(UserEntity, { id: userId });
  }

  async removeClient(clientId: number): Promise<void> {
    await this.manager.delete(ClientEntity, { id: clientId });
  }

  /** Clears pending_since if it is set; false if the user is gone (or was never pending). */
  async activatePendingUser(userId: number): Promise<boolean> {
    const result = await this.manager.update(UserEntity, { id: userId, pendingSince: Not(IsNull()) }, { pendingSince: null });
    return result.affected === 1;
  }

  /** Clears pending_since if it is set; false if the client record is gone. */
  async activatePendingClient(clientId: number): Promise<boolean> {
    const result = await this.manager.update(ClientEntity, { id: clientId, pendingSince: Not(IsNull()) }, { pendingSince: null });
    return result.affected === 1;
  }

  /** Removes users, then client records, pending since before `cutoff`; answers how many of each. */
  async removePendingSince(cutoff: Date): Promise<{ users: number; clients: number }> {
    const users = await this.manager.delete(UserEntity, { pendingSince: LessThan(cutoff) });
    const clients = await this.manager.delete(ClientEntity, { pendingSince: LessThan(cutoff) });
    return { users: users.affected ?? 0, clients: clients.affected ?? 0 };
  }

  /** The client with its user loaded, or null. */
  clientWithUser(clientId: number): Promise<ClientEntity | null> {
    return this.manager.findOne(ClientEntity, { where: { id: clientId }, relations: { user: true } });
  }

  clientExists(clientId: number): Promise<boolean> {
    return this.manager.exists(ClientEntity, { where: { id: clientId } });
  }

  /** Whether a liaison_clients row links the liaison to the client. */
  async liaisonIsLinkedTo(liaisonId: number, clientId: number): Promise<boolean> {
    const link: unknown = await this.manager
      .createQueryBuilder()
      .select('lc.client_id', 'client_id')
      .from('liaison_clients', 'lc')
      .where('lc.liaison_id = :liaisonId AND lc.client_id = :clientId', { liaisonId, clientId })
      .getRawOne();
    return link !== undefined && link !== null;
  }

  /** The ids of the clients the liaison acts for, ascending. */
  async clientIdsOfLiaison(liaisonId: number): Promise<number[]> {
    const rows: Array<{ client_id: number | string }> = await this.manager
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
  /** One page of clients (clients/index, the index convention), with their users; the total when asked. */
  async searchClients(query: IndexQuery): Promise<{ clients: ClientEntity[]; total: number | null }> {
    const builder = this.manager.getRepository(ClientEntity).createQueryBuilder('c').innerJoinAndSelect('c.user', 'u');
    const { rows, total } = await runIndexQuery(builder, CLIENT_INDEX_COLUMNS, query);
    return { clients: rows, total };
  }

  /** Writes `changes` (when there are any) and answers the client as it now stands, with its user. */
  async changeClient(clientId: number, changes: ClientChanges): Promise<ClientEntity> {
    if (Object.keys(changes).length > 0) await this.manager.update(ClientEntity, { id: clientId }, changes);
    return this.manager.findOneOrFail(ClientEntity, { where: { id: clientId }, relations: { user: true } });
  }

  /** Of these client ids, the ones some client has. */
  async existingClientIds(clientIds: readonly number[]): Promise<Set<number>> {
    if (clientIds.length === 0) return new Set();
    const found = await this.manager
      .createQueryBuilder(ClientEntity, 'c')
      .select('c.id', 'id')
      .where('c.id IN (:...clientIds)', { clientIds: [...clientIds] })
      .getRawMany<{ id: number | string }>();
    return new Set(found.map((row) => Number(row.id)));
  }

  /** The liaison with its user and linked clients loaded, or null. */
  liaisonWithUserAndClients(liaisonId: number): Promise<LiaisonEntity | null> {
    return this.manager.findOne(LiaisonEntity, { where: { id: liaisonId }, relations: { user: true, clients: true } });
  }

  /**
   * Whether the liaison exists. On PostgreSQL its row is also locked until the ambient transaction
   * ends (so call it inside one), and concurrent relinks of one liaison run one after the other;
   * SQLite transactions are serialised already (see Transactions).
   */
  async lockLiaison(liaisonId: number): Promise<boolean> {
    const manager = this.manager;
    const query = manager.createQueryBuilder(LiaisonEntity, 'l').select('l.id').where('l.id = :liaisonId', { liaisonId });
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    return (await query.getOne()) !== null;
  }

  /** The liaison's client links become exactly `clientIds`: call it inside a transaction, so none is lost midway. */
  async replaceLiaisonClients(liaisonId: number, clientIds: readonly number[]): Promise<void> {
    const manager = this.manager;
    await manager.createQueryBuilder().delete().from('liaison_clients').where('liaison_id = :liaisonId', { liaisonId }).execute();
    if (clientIds.length > 0) await manager.createQueryBuilder().relation(LiaisonEntity, 'clients').of(liaisonId).add([...clientIds]);
  }
}
