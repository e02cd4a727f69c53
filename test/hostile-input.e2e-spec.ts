import { EmailOutboxEntity } from '../src/modules/email/email-outbox.entity.js';
import { RouteCatalog } from '../src/common/routing/route-catalog.js';
import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import {
  applicationToken,
  createUser,
  newClientRegistration,
  newPersonParams,
  newUserToken,
  registerClient,
  registerUser,
  signIn,
  tokenFor,
  type TestUser,
} from './support/accounts.js';
import { PipelineProbeModule } from './support/pipeline-probe.module.js';
import { PROBE_EMAIL, PROBE_PASSWORD_HASH, PROBE_TOKEN_DIGEST, SecretsProbeModule } from './support/secrets-probe.module.js';
import { bearer, createTestApp, encodeParams, getAs, postAs, postEncoded, postSensitive, putAs, type TestApp } from './support/test-app.js';
import { testEngine } from './support/test-database.js';

/*
 * Hostile input, one named test per case the attacker's report listed (CONTRACT.md §3, §12). None
 * of them may reach application-crash, on either engine: the PostgreSQL run is where most of them
 * used to (integer overflow, NUL, column lengths).
 */
const TOO_BIG = [2147483648, 1e308, 9007199254740993] as const;
const NUL = 'a\u0000b';

describe(`hostile input (${testEngine()})`, () => {
  let t: TestApp;
  let admin: string;
  let client: TestUser;
  let clientToken: string;
  let capture: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule, SecretsProbeModule] });
    admin = await newUserToken(t, { admin: true });
    client = await createUser(t, { client: true });
    clientToken = await tokenFor(t, client, 'planoorder');
    capture = await applicationToken(t, admin, 'capture');
  });

  afterAll(async () => {
    await t.close();
  });


  function expectRefused(response: { status: number; body: { status: string; errors: Array<{ param: string }> | null } }, slug: string, param?: string) {
    expect({ http: response.status, status: response.body.status }).toEqual({ http: 400, status: slug });
    if (param) expect(response.body.errors?.map((error) => error.param)).toContain(param);
  }

  describe('integers beyond what an integer column stores → invalid-param', () => {
    it.each(TOO_BIG)('sessions/revoke id %s', async (id) => {
      expectRefused(await postAs(t, '/api/v1/sessions/revoke', admin, { id }), 'invalid-param', 'id');
    });

    it.each(TOO_BIG)('clients/register client.company_id %s → client-validation-failed', async (companyId) => {
      expectRefused(await registerClient(t, newClientRegistration({ company_id: companyId })), 'client-validation-failed', 'client.company_id');
    });

    it.each(TOO_BIG)('users/client_register company_id %s', async (companyId) => {
      const roleless = await newUserToken(t);
      expectRefused(await postAs(t, '/api/v1/users/client_register', roleless, { company_id: companyId }), 'invalid-param', 'company_id');
    });

    it.each(TOO_BIG)('routes/update and api_services/update id %s', async (id) => {
      expectRefused(await putAs(t, '/api/v1/routes/update', admin, { id, deployed: true }), 'invalid-param', 'id');
      expectRefused(await putAs(t, '/api/v1/api_services/update', admin, { id, deployed: true }), 'invalid-param', 'id');
    });
  });

  describe('a NUL character in a string → invalid-param', () => {
    it('registration names (clients/register → client-validation-failed, users/register)', async () => {
      expectRefused(await registerClient(t, newClientRegistration({ first_name: NUL })), 'client-validation-failed', 'client.first_name');
      expectRefused(await registerUser(t, newPersonParams({ last_name: NUL })), 'invalid-param', 'last_name');
    });

    it('clients/update', async () => {
      expectRefused(await putAs(t, '/api/v1/clients/update', admin, { id: client.clientId, first_name: NUL }), 'invalid-param', 'first_name');
    });

    it('users/client_register', async () => {
      const roleless = await newUserToken(t);
      expectRefused(await postAs(t, '/api/v1/users/client_register', roleless, { company_name: NUL }), 'invalid-param', 'company_name');
    });

    it('orders/create address and liaisons/create names', async () => {
      expectRefused(await postAs(t, '/api/v1/orders/create', admin, { client_id: client.clientId, address: NUL }), 'invalid-param', 'address');
      expectRefused(await postSensitive(t, '/api/v1/liaisons/create', admin, newPersonParams({ first_name: NUL, client_ids: [client.clientId] })), 'invalid-param', 'first_name');
    });

    it('clients/index search[term] and routes/index service (query strings)', async () => {
      expectRefused(await getAs(t, '/api/v1/clients/index', admin, { 'search[term]': NUL }), 'invalid-param', 'search.term');
      expectRefused(await getAs(t, '/api/v1/routes/index', admin, { service: NUL }), 'invalid-param', 'service');
    });
  });

  describe('a lone UTF-16 surrogate ("\\ud800" in JSON) → invalid-param, never a validator that throws', () => {
    // isEmail runs encodeURI, which throws URIError on a lone surrogate: the hostile corpus found
    // sessions/create_magic_link answering application-crash to {"email":"a\ud800b"}.
    const json = (path: string, token: string | undefined, body: string, method: 'post' | 'put' = 'post') =>
      t.http[method](path).set('Content-Type', 'application/json').set(token ? { Authorization: `Bearer ${token}` } : {}).send(body);

    it('an email param (sessions/create_magic_link, clients/update display_email)', async () => {
      expectRefused(await json('/api/v1/sessions/create_magic_link', undefined, '{"email":"a\\ud800b@example.com","application":"planoorder"}'), 'invalid-param', 'email');
      expectRefused(await json('/api/v1/clients/update', admin, `{"id":${client.clientId},"display_email":"x\\udc00@example.com"}`, 'put'), 'invalid-param', 'display_email');
    });

    it('a text param (clients/update bio), and in base64 params (users/register)', async () => {
      expectRefused(await json('/api/v1/clients/update', admin, `{"id":${client.clientId},"bio":"half \\ud83d of an emoji"}`, 'put'), 'invalid-param', 'bio');
      const encoded = Buffer.from(`{"email":"lone${Date.now()}@example.com","password":"a-long-password","first_name":"\\ud800","last_name":"X"}`).toString('base64');
      expectRefused(await t.http.post('/api/v1/users/register').set('Content-Type', 'text/plain').send(encoded), 'invalid-param', 'first_name');
    });

    it('a whole surrogate pair (an emoji) is text like any other', async () => {
      const response = await json('/api/v1/clients/update', admin, `{"id":${client.clientId},"bio":"sunny \\ud83c\\udf1e homes","view":"client_read"}`, 'put');
      expect(response.body).toMatchObject({ status: 'action-successful', data: { client: { bio: 'sunny 🌞 homes' } } });
    });
  });

  it('names of 100 + 100 characters register on both routes; the welcome email keeps the whole name', async () => {
    const first = 'F'.repeat(100);
    const last = 'L'.repeat(100);
    const registered = await registerClient(t, newClientRegistration({ first_name: first, last_name: last }));
    expect(registered.body.status).toBe('action-successful');
    const roleless = await newUserToken(t);
    const promoted = await postAs(t, '/api/v1/users/client_register', roleless, { first_name: first, last_name: last });
    expect(promoted.body.status).toBe('action-successful');
    const outbox = await t.dataSource.getRepository(EmailOutboxEntity).findBy({ toName: `${first} ${last}` });
    expect(outbox).toHaveLength(2);
  });

  it('JSON nested 5,000 deep → invalid-encoded-params, on public sensitive routes and plain JSON routes alike', async () => {
    const deep = `{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const base64 = Buffer.from(deep).toString('base64');
    for (const path of ['/api/v1/sessions/create', '/api/v1/clients/register']) {
      const response = await postEncoded(t, path, undefined, base64);
      expectRefused(response, 'invalid-encoded-params');
    }
    const plain = await t.http.post('/api/v1/orders/create').set(bearer(admin)).set('Content-Type', 'application/json').send(deep);
    expectRefused(plain, 'invalid-encoded-params');
  });

  describe('wrong shapes', () => {
    it('"client": [] on clients/register → client-validation-failed', async () => {
      expectRefused(await registerClient(t, { application: 'planoorder', client: [] }), 'client-validation-failed', 'client');
      expectRefused(await registerClient(t, { application: 'planoorder', client: 'me' }), 'client-validation-failed', 'client');
    });

    it('an object or array where a scalar belongs → invalid-param', async () => {
      expectRefused(await postAs(t, '/api/v1/sessions/revoke', admin, { id: { $gt: 0 } }), 'invalid-param', 'id');
      expectRefused(await postAs(t, '/api/v1/orders/create', admin, { client_id: client.clientId, address: ['1 Main St'] }), 'invalid-param', 'address');
      expectRefused(await getAs(t, '/api/v1/clients/index', admin, { page: 'first' }), 'invalid-param', 'page');
    });

    it('{"id": null} on sessions/revoke → missing-param', async () => {
      expectRefused(await postAs(t, '/api/v1/sessions/revoke', admin, { id: null }), 'missing-param');
    });
  });

  describe('null is the same as leaving a param out', () => {
    it('sessions/create remember_me: null signs in without turning remember_me on', async () => {
      const response = await signIn(t, { email: client.email, password: client.password, application: 'planoauth', remember_me: null });
      expect(response.body).toMatchObject({ status: 'action-successful', session: { remember_me: false } });
    });

    it('tours/create order_id: null creates a tour of no order', async () => {
      const response = await postAs(t, '/api/v1/tours/create', admin, { client_id: client.clientId, address: '9 Null St', order_id: null });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { tour: { order_id: null } } });
    });

    it('clients/update first_name: null changes nothing and is not "required"', async () => {
      const response = await putAs(t, '/api/v1/clients/update', admin, { id: client.clientId, first_name: null });
      expect(response.body.status).toBe('action-successful');
    });
  });

  describe('view and session_view', () => {
    it('unknown values are invalid-param on every route; the default view is accepted', async () => {
      const routes = t.app.get(RouteCatalog).all().filter((route) => !route.path.includes('probe'));
      const refused: string[] = [];
      for (const route of routes) {
        for (const param of ['view', 'session_view']) {
          const token = route.path === '/api/v1/xso/redeem' ? capture : admin;
          const params = { [param]: 'bogus' };
          let request;
          if (route.method === 'GET') request = t.http.get(route.path).query(params);
          else if (route.sensitiveParams) request = t.http[route.method === 'PUT' ? 'put' : 'post'](route.path).set('Content-Type', 'text/plain').send(encodeParams(params));
          else request = t.http[route.method === 'PUT' ? 'put' : 'post'](route.path).send(params);
          const response = await request.set(bearer(token));
          if (response.body.status === 'invalid-param' && response.body.errors?.[0]?.param === param) refused.push(`${route.method} ${route.path} ${param}`);
          else throw new Error(`${route.method} ${route.path} ?${param}=bogus answered ${response.body.status}`);
        }
      }
      expect(refused).toHaveLength(routes.length * 2);
    });

    it('come after the token and the role (CONTRACT.md §3: token → role → params)', async () => {
      const withoutToken = await t.http.get('/api/v1/sessions/read').query({ view: 'bogus' });
      expect(withoutToken.body.status).toBe('invalid-token');
      const badToken = await getAs(t, '/api/v1/sessions/read', 'not-a-token', { session_view: 'bogus' });
      expect(badToken.body.status).toBe('invalid-token');
      const wrongRole = await getAs(t, '/api/v1/routes/index', clientToken, { view: 'bogus' });
      expect(wrongRole.body.status).toBe('permission-denied');
      const read = await getAs(t, '/api/v1/sessions/read', clientToken, { view: 'default', session_view: 'default' });
      expect(read.body.status).toBe('action-successful');
    });
  });

  describe('secrets stay out of the log', () => {
    it('a failing query with a password hash, an email and a token digest among its parameters logs none of them, nor its SQL', async () => {
      const response = await t.http.get('/api/v1/secrets_probe/failing_query');
      expect(response.body.status).toBe('application-crash');
      const log = t.logs.text();
      expect(log).toContain(response.body.request_id);
      for (const secret of [PROBE_PASSWORD_HASH, PROBE_TOKEN_DIGEST, PROBE_EMAIL, 'UNION ALL', 'INSERT INTO sessions']) expect(log).not.toContain(secret);
      const notification = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ requestId: response.body.request_id });
      for (const secret of [PROBE_PASSWORD_HASH, PROBE_TOKEN_DIGEST, PROBE_EMAIL]) expect(notification.message).not.toContain(secret);
    });

    it('query-string secrets are redacted by pattern, whatever their exact name', async () => {
      const secrets = { access_token: 'qs-secret-1', passwd: 'qs-secret-2', pass: 'qs-secret-3', mandrill_api_key: 'qs-secret-4', client_secret: 'qs-secret-5' };
      await t.http.get('/api/v1/probe/params').query({ name: 'x', ...secrets }).expect(200);
      const log = t.logs.text();
      for (const value of Object.values(secrets)) expect(log).not.toContain(value);
    });

    it('a role-less user looping sessions/revoke {"id": null} writes no notification (it is missing-param now)', async () => {
      const roleless = await newUserToken(t);
      const before = await t.dataSource.getRepository(NotificationEntity).count();
      const answers = await Promise.all(Array.from({ length: 50 }, () => postAs(t, '/api/v1/sessions/revoke', roleless, { id: null })));
      expect(new Set(answers.map((answer) => answer.body.status))).toEqual(new Set(['missing-param']));
      await expect(t.dataSource.getRepository(NotificationEntity).count()).resolves.toBe(before);
    });

    it('a crash repeated 50 times within a minute is one notification with count 50', async () => {
      t.clock.advanceSeconds(61);
      const before = await t.dataSource.getRepository(NotificationEntity).count();
      await Promise.all(Array.from({ length: 50 }, () => t.http.get('/api/v1/probe/crash').expect(500)));
      const rows = await t.dataSource.getRepository(NotificationEntity).find({ order: { id: 'ASC' } });
      expect(rows.slice(before).map((row) => row.count)).toEqual([50]);
    });

    it('a crash repeated within its fold window logs its stack once, the repeats one line each without it', async () => {
      t.clock.advanceSeconds(61);
      const before = t.logs.lines().length;
      for (let i = 0; i < 5; i += 1) await t.http.get('/api/v1/probe/crash').expect(500);
      const crashLines = t.logs
        .lines()
        .slice(before)
        .filter((line) => line.msg === 'application-crash');
      expect(crashLines).toHaveLength(5);
      expect(crashLines.filter((line) => JSON.stringify(line).includes('    at '))).toHaveLength(1);
      expect(crashLines.slice(1).every((line) => line.repeat === true)).toBe(true);
    });
  });
});
