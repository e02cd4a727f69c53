import { Inject, Injectable } from '@nestjs/common';
import { DEMO_ACCOUNTS, DEMO_PASSWORDLESS_CLIENT, demoAccount, type DemoAccount, type DemoAccountKey } from '../common/demo/demo-accounts.js';
import { PasswordHasher } from '../common/security/password-hasher.js';
import { PlanoException } from '../common/status/plano.exception.js';
import { emailConfig, type EmailConfig } from '../config/email.config.js';
import { Transactions } from '../database/transactions.js';
import { AccountsService } from '../modules/accounts/accounts.service.js';
import { ApplicationsService } from '../modules/applications/applications.service.js';
import { welcomeEmail } from '../modules/email/email-message.js';
import { EmailService } from '../modules/email/email.service.js';
import { OrdersService } from '../modules/orders/orders.service.js';

/** The demo companies; the liaison acts for the first client only. */
const DEMO_COMPANIES = {
  client: { companyId: 1001, companyName: 'Acme Realty' },
  client2: { companyId: 1002, companyName: 'Bayview Homes' },
  inactive: { companyId: 1003, companyName: 'Corner Lofts' },
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

const DEMO_CLIENTS = ['client', 'client2'] as const;

/** Acme's Clients Update fields, filled as PlanOx would: what the client views show. */
export const DEMO_ACME_PROFILE = {
  assistantFirstName: 'Ann',
  assistantLastName: 'Assistant',
  assistantPhone: '+1 555 0142',
  assistantEmails: 'ann@acme.test, office@acme.test',
  additionalEmails: 'books@acme.test',
  employeeNotes: 'Prefers morning shoots; staff only.',
  realtorLicense: 'RE-100-2042',
  bio: 'Twenty years of waterfront homes in Springfield.',
  displayName: 'Acme Waterfront',
  useDisplayName: true,
  displayEmail: 'hello@acme.test',
  useDisplayEmail: true,
} as const;

/**
 * Demo data for the quick start (`npm run demo`): the users of DEMO_ACCOUNTS with their roles, a
 * few orders and tours for the demo clients (DEMO_WORK), and the clients' welcome emails.
 * The accounts and the work are all or nothing, in one transaction; idempotent: when the demo
 * admin's email is already taken (an earlier seed, or a concurrent one that won), it does nothing.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordHasher,
    private readonly applications: ApplicationsService,
    private readonly orders: OrdersService,
    private readonly email: EmailService,
    private readonly transactions: Transactions,
    @Inject(emailConfig.KEY) private readonly emailSettings: EmailConfig,
  ) {}

  async seed(): Promise<{ created: boolean }> {
    // Demo addresses are never sent to: their welcome emails wait in the outbox (seed.ts runs
    // with EMAIL_TRANSPORT=outbox, whatever the environment says).
    if (this.emailSettings.transport !== 'outbox') throw new Error('the demo seed runs with EMAIL_TRANSPORT=outbox only: demo addresses are never sent to');
    const admin = demoAccount('admin');
    if (await this.accounts.findUserByEmail(admin.email)) return { created: false };

    // Hash before the transaction opens: argon2 is slow on purpose, and SQLite has one writer.
    const hashes = new Map<DemoAccountKey, string>(
      await Promise.all(DEMO_ACCOUNTS.map(async (account) => [account.key, await this.passwords.hash(account.password)] as const)),
    );

    try {
      await this.transactions.run(async () => {
        const createUser = (account: DemoAccount) =>
          this.accounts.createUser({ email: account.email, passwordHash: hashes.get(account.key) as string, firstName: account.firstName, lastName: account.lastName });
        const createClient = async (key: keyof typeof DEMO_COMPANIES, active = true) => {
          const account = demoAccount(key);
          const user = await createUser(account);
          return this.accounts.createClient(user.id, { firstName: account.firstName, lastName: account.lastName, ...DEMO_COMPANIES[key], active });
        };
        const createWork = async (key: (typeof DEMO_CLIENTS)[number], clientId: number, createdByUserId: number) => {
          const orderIds: number[] = [];
          for (const address of DEMO_WORK[key].orders) orderIds.push(await this.orders.recordOrder({ clientId, address, createdByUserId }));
          for (const tour of DEMO_WORK[key].tours) {
            const orderId = tour.order === null ? null : orderIds[tour.order];
            await this.orders.recordTour({ clientId, orderId, address: tour.address, createdByUserId });
          }
        };

        // The admin first: its email is the marker the idempotency check looks for.
        const adminUser = await createUser(admin);
        await this.accounts.createEmployee(adminUser.id, true);
        await this.accounts.createEmployee((await createUser(demoAccount('employee'))).id, false);
        const acme = await createClient('client');
        await this.accounts.updateClient(acme.id, DEMO_ACME_PROFILE);
        const bayview = await createClient('client2');
        await createWork('client', acme.id, adminUser.id);
        await createWork('client2', bayview.id, adminUser.id);
        // Staff deactivated it: it shows account-inactive (no welcome email: it is no new sign-up).
        await createClient('inactive', false);
        // Created by staff without a password: it signs in by magic link.
        const { email, firstName, lastName, companyId, companyName } = DEMO_PASSWORDLESS_CLIENT;
        const passwordless = await this.accounts.createUser({ email, passwordHash: null, firstName, lastName });
        await this.accounts.createClient(passwordless.id, { firstName, lastName, companyId, companyName });
        await this.accounts.createLiaison((await createUser(demoAccount('liaison'))).id, [acme.id]);
        await createUser(demoAccount('roleless'));
      });
    } catch (error) {
      // A concurrent seed committed first: its data is there, ours rolled back.
      if (error instanceof PlanoException && error.slug === 'email-already-registered' && (await this.accounts.findUserByEmail(admin.email))) return { created: false };
      throw error;
    }

    // After the commit, as registrations send theirs: EmailService must not run inside a
    // transaction. Only the seed that created the clients gets here, so each email is kept once.
    const planoauthUrl = this.applications.baseUrlOf('planoauth');
    for (const key of DEMO_CLIENTS) await this.email.send(welcomeEmail(demoAccount(key), planoauthUrl));
    return { created: true };
  }
}
