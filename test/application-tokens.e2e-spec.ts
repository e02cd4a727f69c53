import { ApplicationTokenEntity } from '../src/modules/applications/entities/application-token.entity.js';
import { applicationToken, createRoleCast, storedHashOf, type Caller, type Role, type TestUser } from './support/accounts.js';
import { CaptureProbeModule } from './support/capture-probe.module.js';
import { ADMIN_ONLY, itAnswersTheRoleMatrix, notAccessible } from './support/role-matrix.js';
import { ADMIN, call, serverInstancesPerTest } from './support/server-instances.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';

/**
 * Application tokens an admin can see and revoke (issue 14, point 7): a leaked CaptuRE token is
 * refused from the next request on, on every instance, without anyone editing the database.
 */

const TOKENS = '/api/v1/applications/tokens';
const REVOKE = '/api/v1/applications/revoke_token';
const WHOAMI = '/api/v1/capture_probe/whoami'; // an app:capture route of the test app

describe(`application tokens (${testEngine()})`, () => {
  let t: TestApp;
  let callers: Record<Role, Caller>;
  let otherClient: TestUser;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [CaptureProbeModule] });
    ({ callers, otherClient } = await createRoleCast(t));
    admin = callers.admin.token;
  });

  afterAll(async () => {
    await t.close();
  });

  const listed = async () => (await getAs(t, TOKENS, admin)).body.data.results as Array<Record<string, unknown>>;
  const idOf = async (token: string) => (await t.dataSource.getRepository(ApplicationTokenEntity).findOneByOrFail({ tokenHash: storedHashOf(token) })).id;

  describe('the role matrix', () => {
    itAnswersTheRoleMatrix(
      {
        'GET applications/tokens': { call: (token) => getAs(t, TOKENS, token), expected: ADMIN_ONLY },
        'POST applications/revoke_token': {
          call: async (token) => postAs(t, REVOKE, token, { id: await idOf(await applicationToken(t, admin, 'planox2')) }),
          expected: ADMIN_ONLY,
        },
      },
      () => callers,
      () => notAccessible('id', otherClient.clientId as number),
    );
  });

  it('applications/tokens lists each token’s application and times, newest first, never the token or its hash', async () => {
    const older = await applicationToken(t, admin, 'planoorder');
    const newer = await applicationToken(t, admin, 'capture');
    const response = await getAs(t, TOKENS, admin);
    expect(response.body.status).toBe('action-successful');
    const results = response.body.data.results as Array<{ id: number }>;
    const [olderId, newerId] = [await idOf(older), await idOf(newer)];
    expect(results.map((row) => row.id).indexOf(newerId)).toBeLessThan(results.map((row) => row.id).indexOf(olderId));
    expect(results.find((row) => row.id === newerId)).toEqual({
      id: newerId,
      application: 'capture',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      last_used_at: null,
      revoked_at: null,
    });
    const text = JSON.stringify(response.body);
    for (const secret of [older, newer, storedHashOf(older), storedHashOf(newer)]) expect(text).not.toContain(secret);
  });

  it('last_used_at is set on first use and then moves at most once a minute', async () => {
    const token = await applicationToken(t, admin, 'capture');
    const id = await idOf(token);
    const used = async () => (await listed()).find((row) => row.id === id)?.last_used_at;

    expect((await getAs(t, WHOAMI, token)).body.status).toBe('action-successful');
    const first = await used();
    expect(first).toBe(t.clock.now().toISOString());

    t.clock.advanceSeconds(30);
    await getAs(t, WHOAMI, token);
    expect(await used()).toBe(first);

    t.clock.advanceSeconds(31);
    await getAs(t, WHOAMI, token);
    expect(await used()).toBe(t.clock.now().toISOString());
  });

  it('applications/revoke_token: the token is refused from the next request on; its row says when', async () => {
    const token = await applicationToken(t, admin, 'capture');
    const id = await idOf(token);
    expect((await getAs(t, WHOAMI, token)).body.status).toBe('action-successful');

    const revoked = await postAs(t, REVOKE, admin, { id });
    expect(revoked.body).toMatchObject({
      status: 'action-successful',
      data: { token: { id, application: 'capture', revoked_at: t.clock.now().toISOString() } },
    });
    const refused = await getAs(t, WHOAMI, token);
    expect({ status: refused.body.status, http: refused.status }).toEqual({ status: 'invalid-token', http: 401 });
    expect((await listed()).find((row) => row.id === id)).toMatchObject({ revoked_at: t.clock.now().toISOString() });
  });

  it('revoking a revoked token changes nothing: it keeps the first revocation’s time', async () => {
    const id = await idOf(await applicationToken(t, admin, 'capture'));
    const first = (await postAs(t, REVOKE, admin, { id })).body.data.token.revoked_at as string;
    t.clock.advanceSeconds(120);
    const again = await postAs(t, REVOKE, admin, { id });
    expect(again.body).toMatchObject({ status: 'action-successful', data: { token: { id, revoked_at: first } } });
  });

  it('revoking one token leaves the application’s other tokens working', async () => {
    const revokedToken = await applicationToken(t, admin, 'capture');
    const kept = await applicationToken(t, admin, 'capture');
    await postAs(t, REVOKE, admin, { id: await idOf(revokedToken) });
    expect((await getAs(t, WHOAMI, revokedToken)).body.status).toBe('invalid-token');
    expect((await getAs(t, WHOAMI, kept)).body.status).toBe('action-successful');
  });

  it.each([
    ['missing', 'missing-param', {}],
    ['null', 'missing-param', { id: null }],
    ['a string', 'invalid-param', { id: 'one' }],
    ['zero', 'invalid-param', { id: 0 }],
    ['past the integer column', 'invalid-param', { id: 2_147_483_648 }],
  ])('revoke_token with id %s → %s naming id', async (_case, status, params) => {
    const response = await postAs(t, REVOKE, admin, params);
    expect(response.body).toMatchObject({ status, errors: [expect.objectContaining({ param: 'id' })], data: null });
  });

  it('revoke_token with an id no token has → invalid-param naming id', async () => {
    const response = await postAs(t, REVOKE, admin, { id: 2_000_000_000 });
    expect(response.body).toMatchObject(notAccessible('id', 2_000_000_000));
  });
});

describe(`application token revocation across instances (${testEngine()})`, () => {
  const instances = serverInstancesPerTest();

  it('revoked on instance A: refused by instance B at its next request', async () => {
    const [a, b] = await instances.startPair();
    const admin = (await call(a.url, 'POST', '/api/v1/sessions/create', { sensitive: { ...ADMIN, application: 'planoauth' } })).body.data as { token: string };
    const issued = await call(a.url, 'POST', '/api/v1/applications/create_token', { token: admin.token, json: { application: 'capture' } });
    const capture = (issued.body.data as { token: string }).token;
    // xso/redeem without a code: the token check passes, then the params check answers missing-param.
    const redeem = (url: string) => call(url, 'POST', '/api/v1/xso/redeem', { token: capture, json: {} });
    expect((await redeem(b.url)).body.status).toBe('missing-param');

    const tokens = await call(a.url, 'GET', '/api/v1/applications/tokens', { token: admin.token });
    const id = (tokens.body.data as { results: Array<{ id: number }> }).results[0].id;
    expect((await call(a.url, 'POST', '/api/v1/applications/revoke_token', { token: admin.token, json: { id } })).body.status).toBe('action-successful');

    expect((await redeem(b.url)).body.status).toBe('invalid-token');
    expect((await redeem(a.url)).body.status).toBe('invalid-token');
  }, 60_000);
});
