import { createHash } from 'node:crypto';
import { MagicLinkCodeEntity } from '../src/modules/magic-links/entities/magic-link-code.entity.js';
import { MagicLinksService } from '../src/modules/magic-links/magic-links.service.js';
import { changePassword, createUser, newUserToken, signIn, type TestUser } from './support/accounts.js';
import { MandrillStandIn } from './support/mandrill-stand-in.js';
import { notificationRows } from './support/notification-rows.js';
import { magicLinkCodeIn, magicLinkEmails, magicLinkTextsIn } from './support/outbox.js';
import { call, registerClientOver, serverInstancesPerTest } from './support/server-instances.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, postAs, postSensitive, putAs, type TestApp } from './support/test-app.js';

/**
 * Passwordless sign-in by magic link (issue 14, point 5): sessions/create_magic_link answers the
 * same for every email and emails a one-time link to accounts only; sessions/redeem_magic_link
 * turns its code into a session like sessions/create, once.
 */

const CREATE = '/api/v1/sessions/create_magic_link';
const REDEEM = '/api/v1/sessions/redeem_magic_link';
const PLANOAUTH_URL = 'https://auth.plano.test';

describe(`magic links (${testEngine()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { PLANOAUTH_URL, RATE_LIMIT_MAGIC_LINK_PER_MINUTE: '100', RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '1000' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const ask = (params: Record<string, unknown>) => postAs(t, CREATE, undefined, params);
  const redeem = (code: unknown) => postAs(t, REDEEM, undefined, { code });
  const delivered = () => t.app.get(MagicLinksService).settled();
  const answer = (response: { status: number; body: { status: string } }) => ({ status: response.body.status, http: response.status });

  /** Asks for a link for `user` and answers the code its email carries. */
  async function linkFor(user: Pick<TestUser, 'email'>, application = 'planoorder', extra: Record<string, unknown> = {}): Promise<string> {
    const before = (await magicLinkEmails(t, user.email)).length;
    expect((await ask({ email: user.email, application, ...extra })).body.status).toBe('action-successful');
    await delivered();
    const emails = await magicLinkEmails(t, user.email);
    expect(emails).toHaveLength(before + 1);
    const code = magicLinkCodeIn(emails[emails.length - 1].text);
    expect(code).toEqual(expect.any(String));
    return code as string;
  }

  describe('sessions/create_magic_link', () => {
    it('emails a link to PlanoAuth with a 32-byte code, kept only as its SHA-256; nothing of it in the log', async () => {
      const client = await createUser(t, { client: true });
      const code = await linkFor(client);
      const [email] = await magicLinkEmails(t, client.email);
      expect(email).toMatchObject({ subject: 'Your PlanOmatic sign-in link', toEmail: client.email });
      expect(email.text).toContain(`${PLANOAUTH_URL}/magic-link?code=${code}`);
      expect(email.text).toContain('15 minutes');
      expect(Buffer.from(code, 'base64url')).toHaveLength(32);
      const rows = await t.dataSource.getRepository(MagicLinkCodeEntity).findBy({ userId: client.user.id });
      expect(rows.map((row) => row.codeHash)).toEqual([createHash('sha256').update(code).digest('hex')]);
      expect(JSON.stringify(rows)).not.toContain(code);
      expect(t.logs.text()).not.toContain(code);
    });

    it('answers exactly the same for an unknown email, and sends nothing', async () => {
      const known = await createUser(t, { client: true });
      const strip = (body: Record<string, unknown>) => ({ ...body, request_id: undefined });
      const forKnown = await ask({ email: known.email, application: 'planoorder' });
      const forUnknown = await ask({ email: `nobody.${Date.now()}@example.com`, application: 'planoorder' });
      expect({ http: forUnknown.status, body: strip(forUnknown.body) }).toEqual({ http: forKnown.status, body: strip(forKnown.body) });
      expect(forUnknown.body).toMatchObject({ status: 'action-successful', data: { sent_if_registered: true } });
      await delivered();
      await expect(magicLinkEmails(t, `nobody.${Date.now()}@example.com`)).resolves.toEqual([]);
    });

    it('sends nothing to a pending registration (its welcome email not sent yet)', async () => {
      const pending = await createUser(t, { client: true });
      await t.dataSource.query(`UPDATE users SET pending_since = created_at WHERE id = ${pending.user.id}`);
      expect((await ask({ email: pending.email, application: 'planoorder' })).body.status).toBe('action-successful');
      await delivered();
      await expect(magicLinkEmails(t, pending.email)).resolves.toEqual([]);
    });

    it.each([
      ['no email', 'missing-param', 'email', { application: 'planoorder' }],
      ['no application', 'missing-param', 'application', { email: 'a@example.com' }],
      ['an application we do not have', 'invalid-param', 'application', { email: 'a@example.com', application: 'myspace' }],
      ['an email that is not one', 'invalid-param', 'email', { email: 'not-an-email', application: 'planoorder' }],
      ['a redirect_url off the platform', 'invalid-param', 'redirect_url', { email: 'a@example.com', application: 'planoorder', redirect_url: 'https://evil.example/' }],
    ])('%s → %s naming %s', async (_case, status, param, params) => {
      expect((await ask(params)).body).toMatchObject({ status, errors: [expect.objectContaining({ param })], data: null });
    });
  });

  describe('sessions/redeem_magic_link', () => {
    it('answers a session like sessions/create: token, user, the redirect_url given with the link; the token works', async () => {
      const client = await createUser(t, { client: true });
      const code = await linkFor(client, 'planox2', { redirect_url: 'http://127.0.0.1:4400/a/../welcome' });
      const response = await redeem(code);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'action-successful',
        data: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), user: { id: client.user.id, email: client.email }, redirect_url: 'http://127.0.0.1:4400/welcome' },
        session: { application: 'planox2', user_id: client.user.id },
      });
      const read = await getAs(t, '/api/v1/sessions/read', response.body.data.token as string);
      expect(read.body).toMatchObject({ status: 'action-successful', data: { roles: { client_id: client.clientId } } });
    });

    it('a code redeems once: a second try, an unknown, a malformed or a missing code → invalid-token / missing-param', async () => {
      const client = await createUser(t, { client: true });
      const code = await linkFor(client);
      expect((await redeem(code)).body.status).toBe('action-successful');
      expect(answer(await redeem(code))).toEqual({ status: 'invalid-token', http: 401 });
      expect(answer(await redeem(Buffer.alloc(32, 7).toString('base64url')))).toEqual({ status: 'invalid-token', http: 401 });
      expect(answer(await redeem('not-a-code'))).toEqual({ status: 'invalid-token', http: 401 });
      expect((await postAs(t, REDEEM, undefined, {})).body).toMatchObject({ status: 'missing-param', errors: [{ param: 'code' }] });
    });

    it('a code is valid MAGIC_LINK_TTL_SECONDS (900): at 899 s it redeems, past 900 s it is invalid-token', async () => {
      const client = await createUser(t, { client: true });
      const early = await linkFor(client);
      const late = await linkFor(client);
      t.clock.advanceSeconds(899);
      expect((await redeem(early)).body.status).toBe('action-successful');
      t.clock.advanceSeconds(2);
      expect(answer(await redeem(late))).toEqual({ status: 'invalid-token', http: 401 });
    });

    it('the role rules of sessions/create: a role-less user gets user-requires-role outside planoauth, and signs in to planoauth', async () => {
      const roleless = await createUser(t);
      expect(answer(await redeem(await linkFor(roleless, 'planoorder')))).toEqual({ status: 'user-requires-role', http: 400 });
      expect((await redeem(await linkFor(roleless, 'planoauth'))).body.status).toBe('action-successful');
    });

    it('a deactivated client gets account-inactive, and the code stays unused until reactivation', async () => {
      const staff = await newUserToken(t, { employee: true });
      const client = await createUser(t, { client: true });
      const code = await linkFor(client);
      await putAs(t, '/api/v1/clients/update', staff, { id: client.clientId, active: false });
      expect(answer(await redeem(code))).toEqual({ status: 'account-inactive', http: 403 });
      await putAs(t, '/api/v1/clients/update', staff, { id: client.clientId, active: true });
      expect((await redeem(code)).body.status).toBe('action-successful');
    });
  });

  it('a client created by staff without a password: user-has-no-password, then in by magic link, then a first password', async () => {
    const staff = await newUserToken(t, { employee: true });
    const email = `nopass.${Date.now()}@example.com`;
    expect((await postSensitive(t, '/api/v1/clients/create', staff, { email, first_name: 'No', last_name: 'Pass' })).body.status).toBe('action-successful');
    expect((await signIn(t, { email, password: 'anything-at-all', application: 'planoorder' })).body.status).toBe('user-has-no-password');

    const token = (await redeem(await linkFor({ email }))).body.data.token as string;
    expect((await changePassword(t, token, { new_password: 'my-first-password' })).body.status).toBe('action-successful');
    expect((await signIn(t, { email, password: 'my-first-password', application: 'planoorder' })).body.status).toBe('action-successful');
  });
});

describe(`magic links: rate limits (${testEngine()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_MAGIC_LINK_PER_MINUTE: '3', RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '5' } });
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.advanceSeconds(61));

  const ask = (email: string) => postAs(t, CREATE, undefined, { email, application: 'planoorder' });

  it('per address and email (RATE_LIMIT_MAGIC_LINK_PER_MINUTE): the 4th link of a minute → rate-limit-exceeded 429; another email still gets one', async () => {
    const email = `limited.${Date.now()}@example.com`;
    for (let i = 0; i < 3; i += 1) expect((await ask(email)).body.status).toBe('action-successful');
    const blocked = await ask(email.toUpperCase());
    expect({ status: blocked.body.status, http: blocked.status }).toEqual({ status: 'rate-limit-exceeded', http: 429 });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await ask(`other.${Date.now()}@example.com`)).body.status).toBe('action-successful');
  });

  it('per address, together with sign-in (RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE): sign-ins and links spend one budget', async () => {
    const user = await createUser(t, { client: true });
    for (let i = 0; i < 3; i += 1) expect((await signIn(t, { email: user.email, password: 'wrong-password', application: 'planoorder' })).body.status).toBe('invalid-password');
    expect((await ask(`a.${Date.now()}@example.com`)).body.status).toBe('action-successful');
    expect((await ask(`b.${Date.now()}@example.com`)).body.status).toBe('action-successful');
    expect((await ask(`c.${Date.now()}@example.com`)).body.status).toBe('rate-limit-exceeded');
    expect((await signIn(t, { email: user.email, password: user.password, application: 'planoorder' })).body.status).toBe('rate-limit-exceeded');
  });
});

describe(`magic links through Mandrill (a local stand-in) (${testEngine()})`, () => {
  let t: TestApp;
  const mandrill = new MandrillStandIn();

  beforeAll(async () => {
    await mandrill.start();
    t = await createTestApp({
      env: { ...mandrill.env(500), EMAIL_FROM_ADDRESS: 'links@planomatic.test' },
    });
  });

  afterAll(async () => {
    await t.close();
    await mandrill.stop();
  });

  beforeEach(() => {
    mandrill.reset();
  });

  const ask = (email: string) => postAs(t, CREATE, undefined, { email, application: 'planoorder' });

  it('sends the link through messages/send', async () => {
    const client = await createUser(t, { client: true });
    expect((await ask(client.email)).body.status).toBe('action-successful');
    await t.app.get(MagicLinksService).settled();
    expect(mandrill.requests).toHaveLength(1);
    expect(JSON.stringify(mandrill.requests[0].body)).toMatch(/magic-link\?code=[A-Za-z0-9_-]{43}/);
  });

  it.each(['http-500', 'rejected'] as const)('Mandrill %s: still action-successful (the answer says nothing of the account); a mandrill-email-failed notification is recorded', async (mode) => {
    mandrill.mode = mode;
    const client = await createUser(t, { client: true });
    // Repeats within a minute fold into one notification's count: the total of counts is what grows.
    const failed = async () =>
      (await notificationRows(t)).filter((row) => row.kind === 'mandrill-email-failed' && row.route === 'Sessions Create Magic Link API').reduce((sum, row) => sum + row.count, 0);
    const before = await failed();
    expect((await ask(client.email)).body.status).toBe('action-successful');
    await t.app.get(MagicLinksService).settled();
    await expect(failed()).resolves.toBe(before + 1);
    expect(t.logs.text()).not.toMatch(/magic-link\?code=/);
  });

  it('a hanging Mandrill does not hold the answer: it comes at once, before the send gives up', async () => {
    mandrill.mode = 'hang';
    const client = await createUser(t, { client: true });
    const started = performance.now();
    expect((await ask(client.email)).body.status).toBe('action-successful');
    expect(performance.now() - started).toBeLessThan(400); // MANDRILL_TIMEOUT_MS is 500
    await mandrill.received(1);
    mandrill.release('sent');
    await t.app.get(MagicLinksService).settled();
  });
});

describe(`magic links across instances (${testEngine()})`, () => {
  const instances = serverInstancesPerTest();

  it('50 concurrent redeems of one code over two instances: exactly one session, 49 invalid-token, all answered', async () => {
    const [a, b] = await instances.startPair({ DATABASE_POOL_SIZE: '5' });
    const email = `race.${Date.now()}@example.com`;
    await registerClientOver(a.url, email);
    expect((await call(a.url, 'POST', CREATE, { json: { email, application: 'planoorder' } })).body.status).toBe('action-successful');
    let texts: string[] = [];
    for (let tries = 0; texts.length === 0 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      texts = await magicLinkTextsIn(instances.database(), email);
    }
    const code = magicLinkCodeIn(texts[0] ?? '') as string;
    expect(code).toEqual(expect.any(String));

    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call((i % 2 === 0 ? a : b).url, 'POST', REDEEM, { json: { code }, timeoutMs: 20_000 })));
    const statuses = answers.map((answer) => answer.body.status);
    process.stdout.write(`magic link race, 50 × over 2 instances: ${statuses.filter((s) => s === 'action-successful').length} session(s), slowest ${Math.round(Math.max(...answers.map((x) => x.ms)))} ms\n`);
    expect(statuses.filter((status) => status === 'action-successful')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'invalid-token')).toHaveLength(49);
  }, 120_000);
});
