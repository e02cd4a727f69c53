import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { isUniqueViolation } from '../../database/errors.js';
import { Transactions } from '../../database/transactions.js';
import { ClientEntity } from './entities/client.entity.js';
import { EmployeeEntity } from './entities/employee.entity.js';
import { LiaisonEntity } from './entities/liaison.entity.js';
import { UserEntity } from './entities/user.entity.js';
import type { Roles } from './roles.js';

export interface NewUser {
  readonly email: string;
  readonly passwordHash: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string | null;
}

export interface NewClient {
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string | null;
  readonly companyId?: number | null;
  readonly companyName?: string | null;
  readonly enterprise?: string | null;
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

  findUserById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** The user's role records, in one query. */
  async rolesOf(userId: number): Promise<Roles> {
    const row = await this.users
      .createQueryBuilder('u')
      .leftJoin(ClientEntity, 'c', 'c.user_id = u.id')
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

  /** Removes one client record (undoing a failed users/client_register). */
  async deleteClient(clientId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(ClientEntity, { id: clientId });
  }
}
