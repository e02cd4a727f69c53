import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { AccountsService } from '../../modules/accounts/accounts.service.js';
import { welcomeEmail } from '../../modules/email/email-message.js';
import { OutboxTransport } from '../../modules/email/email-transports.js';
import { ApplicationsService } from '../../modules/applications/applications.service.js';
import { OrderEntity } from '../../modules/orders/entities/order.entity.js';
import { TourEntity } from '../../modules/orders/entities/tour.entity.js';
import { DEMO_ACCOUNTS, demoAccount, type DemoAccount, type DemoAccountKey } from './demo-accounts.js';

/** The two demo companies; the liaison acts for the first client only. */
const DEMO_COMPANIES = {
  client: { companyId: 1001, companyName: 'Acme Realty' },
  client2: { companyId: 1002, companyName: 'Bayview Homes' },
} as const;

/** Orders and tours of the demo clients; a tour with `order` belongs to that order (by index). */
const DEMO_WORK = {
  client: {
    orders: ['12 Harbor Road, Springfield', '48 Elm Street, Springfield'],
    tours: [
      { address: '12 Harbor Road, Springfield', order: 0 },
      { address: '7 Mill Lane, Springfield', order: null },
    ],
  },
  client2: {
    orders: ['3 Bayview Terrace, Shelbyville'],
    tours: [{ address: '3 Bayview Terrace, Shelbyville', order: 0 }],
  },
} as const;

/**
 * Demo data for the quick start (`npm run demo`): the users of DEMO_ACCOUNTS with their roles, and
 * a few orders and tours for the demo clients (DEMO_WORK).
 * All or nothing, in one transaction; idempotent: when the demo admin's email is already taken
 * (an earlier seed, or a concurrent one that won), it does nothing.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordHasher,
    private readonly applications: ApplicationsService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get outbox(): OutboxTransport {
    return new OutboxTransport(this.dataSource, this.clock);
  }

  async seed(): Promise<{ created: boolean }> {
    const admin = demoAccount('admin');
    if (await this.accounts.findUserByEmail(admin.email)) return { created: false };

    // Hash before the transaction opens: argon2 is slow on purpose, and SQLite has one writer.
    const hashes = new Map<DemoAccountKey, string>(
      await Promise.all(DEMO_ACCOUNTS.map(async (account) => [account.key, await this.passwords.hash(account.password)] as const)),
    );

    try {
      await this.accounts.transaction(async (manager) => {
        const createUser = (account: DemoAccount) =>
          this.accounts.createUser(
            { email: account.email, passwordHash: hashes.get(account.key) as string, firstName: account.firstName, lastName: account.lastName },
            manager,
          );
        const createClient = async (key: 'client' | 'client2') => {
          const account = demoAccount(key);
          const user = await createUser(account);
          const client = await this.accounts.createClient(user.id, { firstName: account.firstName, lastName: account.lastName, ...DEMO_COMPANIES[key] }, manager);
          // Their welcome emails wait in the outbox, whatever EMAIL_TRANSPORT says: demo
          // addresses are never sent to.
          await this.outbox.send(welcomeEmail(user, this.applications.baseUrlOf('planoauth')), manager);
          return client;
        };
        const createWork = async (key: 'client' | 'client2', clientId: number, createdByUserId: number) => {
          const createdAt = this.clock.now();
          const orders: OrderEntity[] = [];
          for (const address of DEMO_WORK[key].orders) {
            orders.push(await manager.save(manager.create(OrderEntity, { clientId, address, createdByUserId, createdAt })));
          }
          for (const tour of DEMO_WORK[key].tours) {
            const orderId = tour.order === null ? null : orders[tour.order].id;
            await manager.save(manager.create(TourEntity, { clientId, orderId, address: tour.address, createdByUserId, createdAt }));
          }
        };

        // The admin first: its email is the marker the idempotency check looks for.
        const adminUser = await createUser(admin);
        await this.accounts.createEmployee(adminUser.id, true, manager);
        await this.accounts.createEmployee((await createUser(demoAccount('employee'))).id, false, manager);
        const acme = await createClient('client');
        const bayview = await createClient('client2');
        await createWork('client', acme.id, adminUser.id);
        await createWork('client2', bayview.id, adminUser.id);
        await this.accounts.createLiaison((await createUser(demoAccount('liaison'))).id, [acme.id], manager);
        await createUser(demoAccount('roleless'));
      });
    } catch (error) {
      // A concurrent seed committed first: its data is there, ours rolled back.
      if (error instanceof PlanoException && error.slug === 'email-already-registered' && (await this.accounts.findUserByEmail(admin.email))) return { created: false };
      throw error;
    }
    return { created: true };
  }
}
