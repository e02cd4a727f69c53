import { readFileSync } from 'node:fs';
import { DEMO_ACCOUNTS } from '../src/common/demo/demo-accounts.js';
import { DemoSeedModule } from '../src/demo/demo-seed.module.js';
import { DEMO_ACME_PROFILE, DemoSeedService } from '../src/demo/demo-seed.service.js';
import { ClientEntity } from '../src/modules/accounts/entities/client.entity.js';
import { LiaisonEntity } from '../src/modules/accounts/entities/liaison.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { EmailOutboxEntity } from '../src/modules/email/email-outbox.entity.js';
import { OrderEntity } from '../src/modules/orders/entities/order.entity.js';
import { TourEntity } from '../src/modules/orders/entities/tour.entity.js';
import { execFileSync } from 'node:child_process';
import { DEMO_PASSWORDLESS_CLIENT } from '../src/common/demo/demo-accounts.js';
import { MagicLinksService } from '../src/modules/magic-links/magic-links.service.js';
import { signIn } from './support/accounts.js';
import { magicLinkCodeIn } from './support/outbox.js';
import { ensureBuilt } from './support/server-instances.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';

interface DemoLoginRow {
  readonly email: string;
  readonly password: string;
  readonly role: string;
}

/** The rows of README.md's "Demo logins" table, as a reader copies them. */
function readmeDemoLogins(): DemoLoginRow[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.search(/^#+ Demo logins\s*$/m);
  if (start < 0) throw new Error('README.md has no "Demo logins" section');
  const afterHeading = readme.slice(start).split('\n').slice(1);
  const end = afterHeading.findIndex((line) => /^#+ /.test(line));
  const section = end < 0 ? afterHeading : afterHeading.slice(0, end);
  // The first markdown table of the section: its contiguous `|` lines.
  const first = section.findIndex((line) => line.startsWith('|'));
  const length = section.slice(first).findIndex((line) => !line.startsWith('|'));
  const table = first < 0 ? [] : section.slice(first, length < 0 ? undefined : first + length);
  const cells = table
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1')),
    );
  const [header, separator, ...rows] = cells;
  expect(header).toEqual(['email', 'password', 'role']);
  expect(separator?.every((cell) => /^:?-+:?$/.test(cell))).toBe(true);
  return rows.map(([email, password, role]) => ({ email, password, role }));
}

/** What sessions/read must report for a role description of the table (its first word decides). */
function expectedRoles(role: string) {
  const id = expect.any(Number);
  switch (role.split(/[\s(—,;]+/)[0].toLowerCase()) {
    case 'admin':
      return { client_id: null, employee_id: id, admin: true, liaison_id: null };
    case 'employee':
      return { client_id: null, employee_id: id, admin: false, liaison_id: null };
    case 'client':
      return { client_id: id, employee_id: null, admin: false, liaison_id: null };
    case 'liaison':
      return { client_id: null, employee_id: null, admin: false, liaison_id: id };
    case 'none':
      return { client_id: null, employee_id: null, admin: false, liaison_id: null };
    case 'deactivated':
      return null; // signs in with account-inactive: no session to read roles from
    default:
      throw new Error(`README "Demo logins": unknown role description "${role}"`);
  }
}

describe('the demo data and the README demo logins', () => {
  let t: TestApp;
  const rows = readmeDemoLogins();

  beforeAll(async () => {
    t = await createTestApp({ imports: [DemoSeedModule] });
    // Seeded once for the whole file, so every test can run alone or in any order.
    await expect(t.app.get(DemoSeedService).seed()).resolves.toEqual({ created: true });
  });

  afterAll(async () => {
    await t.close();
  });

  it('the README table lists exactly the demo accounts', () => {
    expect(rows.map((row) => row.email).sort()).toEqual(DEMO_ACCOUNTS.map((account) => account.email).sort());
    for (const account of DEMO_ACCOUNTS) expect(account.password.length).toBeGreaterThanOrEqual(12);
  });

  it('seeds once: a second run changes nothing', async () => {
    const seeder = t.app.get(DemoSeedService);
    const users = t.dataSource.getRepository(UserEntity);
    const count = await users.count();
    expect(count).toBe(DEMO_ACCOUNTS.length + 1); // and the passwordless client
    await expect(seeder.seed()).resolves.toEqual({ created: false });
    await expect(users.count()).resolves.toBe(count);
  });

  it('gives the clients their companies and links the liaison to the first client only', async () => {
    const clients = await t.dataSource.getRepository(ClientEntity).find({ relations: { user: true }, order: { id: 'ASC' } });
    expect(clients.map((client) => [client.user?.email, client.companyName, client.companyId, client.active])).toEqual([
      ['client@plano.test', 'Acme Realty', 1001, true],
      ['client2@plano.test', 'Bayview Homes', 1002, true],
      ['inactive@plano.test', 'Corner Lofts', 1003, false],
      ['passwordless@plano.test', 'Linkside Realty', 1004, true],
    ]);
    const liaisons = await t.dataSource.getRepository(LiaisonEntity).find({ relations: { user: true, clients: true } });
    expect(liaisons).toHaveLength(1);
    expect(liaisons[0].user?.email).toBe('liaison@plano.test');
    expect(liaisons[0].clients?.map((client) => client.id)).toEqual([clients[0].id]);
  });

  it('the README’s magic-link walkthrough: passwordless@plano.test has no password, asks for a link, `npm run outbox` shows it, the code signs in', async () => {
    const { email } = DEMO_PASSWORDLESS_CLIENT;
    expect((await signIn(t, { email, password: 'any-password-at-all', application: 'planoorder' })).body.status).toBe('user-has-no-password');
    expect((await postAs(t, '/api/v1/sessions/create_magic_link', undefined, { email, application: 'planoorder' })).body.status).toBe('action-successful');
    await t.app.get(MagicLinksService).settled();

    ensureBuilt();
    const printed = execFileSync(process.execPath, ['dist/src/outbox.js', '1'], { env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    expect(printed).toContain(`magic-link  to ${email}`);
    const code = magicLinkCodeIn(printed) as string;
    expect(code).toEqual(expect.any(String));
    const redeemed = await postAs(t, '/api/v1/sessions/redeem_magic_link', undefined, { code });
    expect(redeemed.body).toMatchObject({ status: 'action-successful', data: { user: { email } }, session: { application: 'planoorder' } });
  }, 60_000);

  it('fills Acme’s Clients Update fields (the client views show them)', async () => {
    const acme = await t.dataSource.getRepository(ClientEntity).findOneByOrFail({ companyId: 1001 });
    expect(acme).toMatchObject(DEMO_ACME_PROFILE);
  });

  it('gives client@plano.test two orders and two tours (one of its first order, one standalone), client2 one order with one tour', async () => {
    const clients = await t.dataSource.getRepository(ClientEntity).find({ relations: { user: true }, order: { id: 'ASC' } });
    const [acme, bayview] = clients.map((client) => client.id);
    const adminUser = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'admin@plano.test' });
    const orders = await t.dataSource.getRepository(OrderEntity).find({ order: { id: 'ASC' } });
    const tours = await t.dataSource.getRepository(TourEntity).find({ order: { id: 'ASC' } });
    expect(orders.map((order) => order.clientId)).toEqual([acme, acme, bayview]);
    expect(tours.map((tour) => [tour.clientId, tour.orderId])).toEqual([
      [acme, orders[0].id],
      [acme, null],
      [bayview, orders[2].id],
    ]);
    for (const row of [...orders, ...tours]) {
      expect(row.address.length).toBeGreaterThan(0);
      expect(row.createdByUserId).toBe(adminUser.id);
      expect(row.createdAt).toBeInstanceOf(Date);
    }
  });

  it('keeps the demo clients’ welcome emails in the outbox, once', async () => {
    const outbox = await t.dataSource.getRepository(EmailOutboxEntity).find({ where: { kind: 'welcome' }, order: { id: 'ASC' } });
    expect(outbox.map((message) => [message.kind, message.toEmail])).toEqual([
      ['welcome', 'client@plano.test'],
      ['welcome', 'client2@plano.test'],
    ]);
    for (const account of DEMO_ACCOUNTS) expect(JSON.stringify(outbox)).not.toContain(account.password);
  });

  it.each(rows.map((row) => [row.email, row] as const))('%s signs in with the README password and has the README role', async (_email, row) => {
    const signedIn = await signIn(t, { email: row.email, password: row.password, application: 'planoauth' });
    const roles = expectedRoles(row.role);
    if (roles === null) {
      // The password is right (a wrong one answers invalid-password): the account is what refuses.
      expect({ status: signedIn.body.status, http: signedIn.status }).toEqual({ status: 'account-inactive', http: 403 });
      return;
    }
    expect(signedIn.body.status).toBe('action-successful');
    expect(signedIn.status).toBe(200);

    const read = await getAs(t, '/api/v1/sessions/read', signedIn.body.data.token as string);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'action-successful', data: { user: { email: row.email } } });
    expect(read.body.data.roles).toEqual(roles);
  });
});
