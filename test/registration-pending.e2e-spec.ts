import { AccountsService } from '../src/modules/accounts/accounts.service.js';
import { ClientEntity } from '../src/modules/accounts/entities/client.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import { SessionsService } from '../src/modules/sessions/sessions.service.js';
import { ApplicationsService } from '../src/modules/applications/applications.service.js';
import { newCaller, newClientRegistration, registerClient, signIn } from './support/accounts.js';
import { MandrillStandIn } from './support/mandrill-stand-in.js';
import { ADMIN, call, ensureBuilt, signInOver, startInstance, type ServerInstance } from './support/server-instances.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';
import { createTestDatabase, testEngine, type TestDatabase } from './support/test-database.js';

/*
 * Registration and its welcome email (CONTRACT.md §12): the account is written pending, the email
 * is sent with no connection or transaction held, then the account is activated or removed.
 */
const PASSWORD = 'Pending-Pa55word!';

/** clients/register params of a new client with `email` and PASSWORD. */
function clientRegistration(email: string) {
  return newClientRegistration({ email, password: PASSWORD });
}


describe(`a registration waiting for Mandrill is pending (${testEngine()})`, () => {
  let t: TestApp;
  const mandrill = new MandrillStandIn();

  beforeAll(async () => {
    await mandrill.start();
    t = await createTestApp({ env: mandrill.env(20_000, 'md-pending-key') });
  });

  afterAll(async () => {
    await t.close();
    await mandrill.stop();
  });

  beforeEach(() => {
    mandrill.reset('hang');
  });

  it('cannot sign in, and a second registration of the email gets email-already-registered, until the send succeeds', async () => {
    const email = 'pending.one@example.com';
    const first = registerClient(t, clientRegistration(email)).then((response) => response);
    await mandrill.received(1);

    await expect(t.dataSource.getRepository(UserEntity).findOneByOrFail({ email })).resolves.toMatchObject({ pendingSince: expect.any(Date) });
    const login = await signIn(t, { email, password: PASSWORD, application: 'planoauth' });
    expect(login.body.status).toBe('email-not-found');
    const second = await registerClient(t, clientRegistration(email));
    expect(second.body.status).toBe('email-already-registered');
    expect(mandrill.requests).toHaveLength(1); // the second never reached Mandrill

    mandrill.release('sent');
    const registered = await first;
    expect(registered.body.status).toBe('action-successful');
    await expect(t.dataSource.getRepository(UserEntity).findOneByOrFail({ email })).resolves.toMatchObject({ pendingSince: null });
    const token = registered.body.data.token as string;
    expect((await getAs(t, '/api/v1/sessions/read', token)).body.status).toBe('action-successful');
    expect((await signIn(t, { email, password: PASSWORD, application: 'planoorder' })).body.status).toBe('action-successful');
  });

  it('a pending user’s session is refused everywhere (invalid-token), XSO included', async () => {
    const accounts = t.app.get(AccountsService);
    const user = await accounts.createUser({ email: 'pending.two@example.com', passwordHash: null, firstName: 'P', lastName: 'T', pending: true });
    const client = await accounts.createClient(user.id, { firstName: 'P', lastName: 'T' });
    const planoorder = await t.app.get(ApplicationsService).findBySlug('planoorder');
    const { token } = await t.app.get(SessionsService).open(user, planoorder!, { ip: null, userAgent: null });

    for (const response of [
      await getAs(t, '/api/v1/sessions/read', token),
      await getAs(t, '/api/v1/xso/capture_client', token, { client_id: client.id }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body.status).toBe('invalid-token');
    }
    expect(await accounts.activateUser(user.id)).toBe(true);
    expect((await getAs(t, '/api/v1/sessions/read', token)).body.status).toBe('action-successful');
  });

  it('users/client_register: the client record is no role while pending; a failed send removes it, and the user may try again', async () => {
    const { user: roleless, token } = await newCaller(t);
    const attempt = postAs(t, '/api/v1/users/client_register', token, { company_name: 'Pending Realty' }).then((r) => r);
    await mandrill.received(1);

    await expect(t.dataSource.getRepository(ClientEntity).findOneByOrFail({ userId: roleless.user.id })).resolves.toMatchObject({ pendingSince: expect.any(Date) });
    const read = await getAs(t, '/api/v1/sessions/read', token);
    expect(read.body.data.roles).toMatchObject({ client_id: null });
    const xso = await getAs(t, '/api/v1/xso/capture_client', token, { client_id: 1 });
    expect(xso.body.status).toBe('client-required');

    mandrill.release('http-500');
    const failed = await attempt;
    expect(failed.status).toBe(500);
    expect(failed.body.status).toBe('mandrill-email-failed');
    await expect(t.dataSource.getRepository(ClientEntity).countBy({ userId: roleless.user.id })).resolves.toBe(0);
    const notification = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ requestId: failed.body.request_id });
    expect(notification).toMatchObject({ kind: 'mandrill-email-failed', route: 'Users Client Register API' });

    mandrill.mode = 'sent';
    const retry = await postAs(t, '/api/v1/users/client_register', token, { company_name: 'Pending Realty' });
    expect(retry.body.status).toBe('action-successful');
    await expect(t.dataSource.getRepository(ClientEntity).findOneByOrFail({ userId: roleless.user.id })).resolves.toMatchObject({ pendingSince: null });
  });

  it('a failed send leaves nothing: no user, client or session', async () => {
    const email = 'pending.fails@example.com';
    const attempt = registerClient(t, clientRegistration(email)).then((response) => response);
    await mandrill.received(1);
    mandrill.release('http-500');
    expect((await attempt).body.status).toBe('mandrill-email-failed');
    await expect(t.dataSource.getRepository(UserEntity).countBy({ email })).resolves.toBe(0);
    const orphans = await t.dataSource.query('SELECT COUNT(*) AS n FROM sessions WHERE user_id NOT IN (SELECT id FROM users)');
    expect(Number((orphans as Array<{ n: number | string }>)[0].n)).toBe(0);
  });
});

describe(`registrations waiting for Mandrill hold no connection: real server processes (${testEngine()})`, () => {
  let database: TestDatabase;
  const mandrill = new MandrillStandIn();
  let instance: ServerInstance | undefined;

  beforeAll(async () => {
    ensureBuilt();
    await mandrill.start();
  }, 180_000);

  afterAll(async () => {
    await mandrill.stop();
  });

  beforeEach(async () => {
    mandrill.reset('hang');
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await instance?.kill();
    instance = undefined;
    mandrill.release('http-500');
    await database.drop();
  });

  it('10 registrations waiting for Mandrill leave sessions/read and /health as fast as before (pool of 5)', async () => {
    instance = await startInstance(database, { ...mandrill.env(15_000, 'md-pending-key'), DATABASE_POOL_SIZE: '5' });
    const url = instance.url;
    const token = await signInOver(url, ADMIN.email, ADMIN.password);
    const readOnce = async () => (await call(url, 'GET', '/api/v1/sessions/read', { token, timeoutMs: 20_000 })).ms;
    const idle = await Promise.all(Array.from({ length: 10 }, readOnce));

    const waiting = Array.from({ length: 10 }, (_, i) =>
      call(url, 'POST', '/api/v1/clients/register', { sensitive: clientRegistration(`waiting${i}@example.com`), timeoutMs: 30_000 }),
    );
    await mandrill.received(10);
    const busy = await Promise.all(Array.from({ length: 10 }, readOnce));
    const health = await call(url, 'GET', '/health', { timeoutMs: 20_000 });
    process.stdout.write(`sessions/read while 10 registrations wait for Mandrill: idle max ${Math.max(...idle).toFixed(0)} ms, busy max ${Math.max(...busy).toFixed(0)} ms; /health ${health.ms.toFixed(0)} ms\n`);

    expect(health.http).toBe(200);
    // A stall would last until MANDRILL_TIMEOUT_MS (15 s); a second is generous for a busy 2-core machine.
    expect(Math.max(...busy, health.ms)).toBeLessThan(2000);
    mandrill.release('sent');
    const answers = await Promise.all(waiting);
    expect(answers.map((answer) => answer.body.status)).toEqual(Array(10).fill('action-successful'));
  }, 120_000);

  it('a process killed mid-send leaves a pending account, removed at the next start with a notification', async () => {
    const env = { ...mandrill.env(1000, 'md-pending-key'), SHUTDOWN_GRACE_MS: '3000' };
    instance = await startInstance(database, env);
    const email = 'killed.mid.send@example.com';
    void call(instance.url, 'POST', '/api/v1/clients/register', { sensitive: clientRegistration(email), timeoutMs: 5000 });
    await mandrill.received(1);
    const killedAt = Date.now();
    expect(await instance.kill()).toBe('SIGKILL');

    // Stranded once older than MANDRILL_TIMEOUT_MS plus the 5 s allowance (PENDING_ALLOWANCE_MS).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + 6500 - Date.now())));
    mandrill.mode = 'sent';
    instance = await startInstance(database, env);
    const admin = await signInOver(instance.url, ADMIN.email, ADMIN.password);
    const notifications = await call(instance.url, 'GET', '/api/v1/notifications/index', { token: admin });
    expect((notifications.body.data as { results: unknown[] }).results).toContainEqual(
      expect.objectContaining({ kind: 'mandrill-email-failed', message: expect.stringMatching(/^Removed 1 pending registration\(s\)/) }),
    );
    const again = await call(instance.url, 'POST', '/api/v1/clients/register', { sensitive: clientRegistration(email) });
    expect(again.body.status).toBe('action-successful');
  }, 120_000);

  it('SIGTERM during a send: the registration still gets its answer, then the process exits 0', async () => {
    instance = await startInstance(database, { ...mandrill.env(1500, 'md-pending-key') });
    const answer = call(instance.url, 'POST', '/api/v1/clients/register', { sensitive: clientRegistration('sigterm@example.com'), timeoutMs: 20_000 });
    await mandrill.received(1);
    const exited = instance.stop();
    expect((await answer).body.status).toBe('mandrill-email-failed'); // the send timed out; the process waited for it
    expect(await exited).toBe(0);
    instance = undefined;
  }, 60_000);
});
