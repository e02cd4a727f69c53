import { ClientEntity } from '../src/modules/accounts/entities/client.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { EmailOutboxEntity } from '../src/modules/email/email-outbox.entity.js';
import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import { SessionEntity } from '../src/modules/sessions/entities/session.entity.js';
import { registerClient, registerUser } from './support/accounts.js';
import { MandrillStandIn, type MandrillMode } from './support/mandrill-stand-in.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';

const PASSWORD = 'Welcome-Pa55word!';

function registration(email: string, overrides: Record<string, unknown> = {}) {
  return {
    application: 'planoorder',
    enterprise: 'PlanOmatic Enterprise',
    client: { email, password: PASSWORD, first_name: 'Grace', last_name: 'Hopper', phone: '555-0100', company_id: 42, company_name: 'Navy Realty' },
    ...overrides,
  };
}

describe('clients/register with the outbox transport (default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates user + client + session, answers { token, client } with the session, and keeps the welcome email in the outbox', async () => {
    const response = await registerClient(t, registration('Grace@Example.com'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'action-successful',
      data: {
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        client: {
          email: 'grace@example.com',
          first_name: 'Grace',
          last_name: 'Hopper',
          phone: '555-0100',
          company_id: 42,
          company_name: 'Navy Realty',
          enterprise: 'PlanOmatic Enterprise',
        },
      },
      session: { application: 'planoorder', remember_me: false },
    });
    // active and employee_notes are staff's: the new client's own answer never carries them.
    expect(response.body.data.client).not.toHaveProperty('active');
    expect(response.body.data.client).not.toHaveProperty('employee_notes');
    const outbox = await t.dataSource.getRepository(EmailOutboxEntity).findBy({ toEmail: 'grace@example.com' });
    expect(outbox).toEqual([
      expect.objectContaining({ kind: 'welcome', toEmail: 'grace@example.com', toName: 'Grace Hopper', subject: 'Welcome to PlanOmatic' }),
    ]);
    expect(outbox[0].html).toContain('Hi Grace');
    expect(JSON.stringify(outbox)).not.toContain(PASSWORD);
    expect(JSON.stringify(response.body)).not.toContain(PASSWORD);
    expect(t.logs.text()).not.toContain(PASSWORD);

    const readBack = await getAs(t, '/api/v1/sessions/read', response.body.data.token);
    expect(readBack.body.data.roles.client_id).toBe(response.body.data.client.id);
  });

  it('answers client-validation-failed naming each bad field', async () => {
    const response = await registerClient(t, registration('not-an-email', { client: { email: 'not-an-email', password: 'short', first_name: '' } }));
    expect(response.status).toBe(400);
    expect(response.body.status).toBe('client-validation-failed');
    expect(response.body.errors.map((e: { param: string }) => e.param).sort()).toEqual([
      'client.email',
      'client.first_name',
      'client.last_name',
      'client.password',
    ]);
    expect(JSON.stringify(response.body)).not.toContain('short');
  });

  it('answers email-already-registered for an email that has a user, whatever its case', async () => {
    await registerClient(t, registration('dup@example.com'));
    const again = await registerClient(t, registration('DUP@example.com'));
    expect(again.status).toBe(400);
    expect(again.body.status).toBe('email-already-registered');
  });

  it('registers exactly one of 50 concurrent registrations of one email', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => registerClient(t, registration('fifty@example.com'))));
    const statuses = responses.map((response) => response.body.status);
    expect(statuses.filter((s) => s === 'action-successful')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'email-already-registered')).toHaveLength(49);
    await expect(t.dataSource.getRepository(UserEntity).countBy({ email: 'fifty@example.com' })).resolves.toBe(1);
    await expect(t.dataSource.getRepository(EmailOutboxEntity).countBy({ toEmail: 'fifty@example.com' })).resolves.toBe(1);
  }, 60_000);

  it('funnel: users/register → client-required → users/client_register → a client', async () => {
    const started = await registerUser(t, { email: 'funnel@example.com', password: PASSWORD, first_name: 'Fun', last_name: 'Nel' });
    const token = started.body.data.token as string;

    const blocked = await postAs(t, '/api/v1/users/update_preferences', token, { remember_me: true });
    expect(blocked.body).toMatchObject({ status: 'client-required', session: { user_id: started.body.data.user.id } });

    const becomeClient = await postAs(t, '/api/v1/users/client_register', token, { company_name: 'Funnel Homes', company_id: 7 });
    expect(becomeClient.body).toMatchObject({
      status: 'action-successful',
      data: { client: { first_name: 'Fun', last_name: 'Nel', company_name: 'Funnel Homes', email: 'funnel@example.com' } },
    });

    const now = await postAs(t, '/api/v1/users/update_preferences', token, { remember_me: true });
    expect(now.body.status).toBe('action-successful');
    await expect(t.dataSource.getRepository(EmailOutboxEntity).countBy({ toEmail: 'funnel@example.com' })).resolves.toBe(1);

    const twice = await postAs(t, '/api/v1/users/client_register', token, {});
    expect(twice.body.status).toBe('invalid-param');
    await expect(t.dataSource.getRepository(ClientEntity).countBy({ userId: started.body.data.user.id })).resolves.toBe(1);
  });
});

describe('clients/register through Mandrill (a local stand-in)', () => {
  let t: TestApp;
  const mandrill = new MandrillStandIn();

  beforeAll(async () => {
    await mandrill.start();
    t = await createTestApp({
      env: { ...mandrill.env(500), EMAIL_FROM_ADDRESS: 'welcome@planomatic.test' },
    });
  });

  afterAll(async () => {
    await t.close();
    await mandrill.stop();
  });

  beforeEach(() => {
    mandrill.reset();
  });

  it('sends the welcome email through messages/send', async () => {
    const response = await registerClient(t, registration('mandrill.ok@example.com'));
    expect(response.body.status).toBe('action-successful');
    expect(mandrill.requests).toHaveLength(1);
    const [request] = mandrill.requests;
    expect(request.path).toBe('/api/1.3/messages/send');
    expect(request.body).toMatchObject({
      key: 'md-test-key-never-logged',
      message: {
        subject: 'Welcome to PlanOmatic',
        from_email: 'welcome@planomatic.test',
        to: [{ email: 'mandrill.ok@example.com', name: 'Grace Hopper', type: 'to' }],
        tags: ['welcome'],
      },
    });
    const message = request.body.message as { html: string; text: string };
    expect(message.html).toContain('Hi Grace');
    expect(message.text).toContain('mandrill.ok@example.com');
    expect(JSON.stringify(request.body)).not.toContain(PASSWORD);
    await expect(t.dataSource.getRepository(EmailOutboxEntity).count()).resolves.toBe(0);
  });

  it.each<[MandrillMode, string]>([
    ['http-500', 'HTTP 500'],
    ['rejected', 'rejected (hard-bounce)'],
    ['invalid', 'invalid'],
    ['hang', 'timed out'],
  ])('%s → mandrill-email-failed, no user left behind, one notification', async (mode, detail) => {
    mandrill.mode = mode;
    t.clock.advanceSeconds(61); // past the fold window of an identical earlier failure: this one gets its own notification
    const email = `mandrill.${mode}@example.com`;
    const before = await t.dataSource.getRepository(NotificationEntity).count();
    const [clientsBefore, sessionsBefore] = [await t.dataSource.getRepository(ClientEntity).count(), await t.dataSource.getRepository(SessionEntity).count()];
    const response = await registerClient(t, registration(email)).set('X-Request-Id', `mandrill-${mode}-0001`);

    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ status: 'mandrill-email-failed', data: null });
    expect(mandrill.requests).toHaveLength(1);
    await expect(t.dataSource.getRepository(UserEntity).countBy({ email })).resolves.toBe(0);
    await expect(t.dataSource.getRepository(ClientEntity).count()).resolves.toBe(clientsBefore);
    await expect(t.dataSource.getRepository(SessionEntity).count()).resolves.toBe(sessionsBefore);
    const notifications = await t.dataSource.getRepository(NotificationEntity).find({ order: { id: 'ASC' } });
    expect(notifications).toHaveLength(before + 1);
    expect(notifications.at(-1)).toMatchObject({
      kind: 'mandrill-email-failed',
      route: 'Clients Register API',
      requestId: `mandrill-${mode}-0001`,
      message: expect.stringContaining(detail),
    });
    const everything = JSON.stringify(notifications) + t.logs.text();
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('md-test-key-never-logged');

    // Nothing is lost: once Mandrill recovers, the same registration simply succeeds.
    mandrill.mode = 'sent';
    const retry = await registerClient(t, registration(email));
    expect(retry.body.status).toBe('action-successful');
  });

  it('does not lose other users’ writes made while a registration waits for Mandrill', async () => {
    mandrill.mode = 'hang';
    // then() sends it now (a supertest request is sent only once awaited or then'd).
    let slowAnswered = false;
    const slow = registerClient(t, registration('slow@example.com')).then((response) => {
      slowAnswered = true;
      return response;
    });
    await mandrill.received(1); // the registration is now waiting for Mandrill
    const meanwhile = await registerUser(t, { email: 'meanwhile@example.com', password: PASSWORD, first_name: 'M', last_name: 'W' });
    expect(meanwhile.body.status).toBe('action-successful');
    expect(slowAnswered).toBe(false); // answered while the registration still waits: nothing queued behind it
    expect((await slow).body.status).toBe('mandrill-email-failed');
    await expect(t.dataSource.getRepository(UserEntity).countBy({ email: 'meanwhile@example.com' })).resolves.toBe(1);
    await expect(t.dataSource.getRepository(SessionEntity).countBy({ userId: meanwhile.body.data.user.id })).resolves.toBe(1);
    await expect(t.dataSource.getRepository(UserEntity).countBy({ email: 'slow@example.com' })).resolves.toBe(0);
  });
});
