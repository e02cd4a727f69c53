import { applicationToken, createUser, newUserToken, signIn, tokenFor, type TestUser } from './support/accounts.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, postAs, putAs, type TestApp } from './support/test-app.js';
import { redeemXso, xsoCode } from './support/xso-handoff.js';

/**
 * Deactivated clients (issue 14, point 6; CONTRACT.md §3 `account-inactive`, 403). A user whose
 * only role is a client record staff set `active=false` cannot sign in, use a session it already
 * has, or hand off to CaptuRE; reactivation restores the sessions that have not expired. Staff,
 * liaisons and a client's other roles are unaffected.
 */

const UPDATE = '/api/v1/clients/update';
const READ = '/api/v1/sessions/read';
const INACTIVE = { status: 'account-inactive', http: 403 };

describe(`deactivated clients (${testEngine()})`, () => {
  let t: TestApp;
  let staff: string;
  let capture: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await newUserToken(t, { employee: true });
    capture = await applicationToken(t, await newUserToken(t, { admin: true }), 'capture');
  });

  afterAll(async () => {
    await t.close();
  });

  const setActive = async (client: TestUser, active: boolean) => {
    const response = await putAs(t, UPDATE, staff, { id: client.clientId, active });
    expect(response.body).toMatchObject({ status: 'action-successful', data: { client: { id: client.clientId, active } } });
  };
  const answer = (response: { status: number; body: { status: string } }) => ({ status: response.body.status, http: response.status });

  it.each(['planoauth', 'planoorder', 'planox2', 'capture'])('sign-in to %s with the right password → account-inactive 403, no session', async (application) => {
    const client = await createUser(t, { client: true });
    await setActive(client, false);
    const response = await signIn(t, { email: client.email, password: client.password, application });
    expect(answer(response)).toEqual(INACTIVE);
    expect(response.body).toMatchObject({ data: null, session: null });
  });

  it('a wrong password still answers invalid-password: the account’s state is said only to its owner', async () => {
    const client = await createUser(t, { client: true });
    await setActive(client, false);
    expect((await signIn(t, { email: client.email, password: 'not-the-password', application: 'planoorder' })).body.status).toBe('invalid-password');
  });

  it('every session route refuses an existing session with account-inactive, with the session in the envelope', async () => {
    const client = await createUser(t, { client: true });
    const token = await tokenFor(t, client, 'planoorder');
    const sessionId = (await getAs(t, READ, token)).body.session.id as number;
    await setActive(client, false);

    const calls = [
      getAs(t, READ, token),
      getAs(t, '/api/v1/sessions/index', token),
      postAs(t, '/api/v1/sessions/destroy', token, {}),
      postAs(t, '/api/v1/users/update_preferences', token, { remember_me: true }),
      getAs(t, '/api/v1/clients/read', token, { id: client.clientId as number }),
      getAs(t, '/api/v1/orders/index', token),
      getAs(t, '/api/v1/xso/capture_client', token, { client_id: client.clientId as number }),
    ];
    for (const response of await Promise.all(calls)) {
      expect(answer(response)).toEqual(INACTIVE);
      expect(response.body).toMatchObject({ data: null, session: { id: sessionId, user_id: client.user.id } });
    }
  });

  it('reactivation restores the sessions that have not expired, and sign-in works again', async () => {
    const client = await createUser(t, { client: true });
    const token = await tokenFor(t, client, 'planoorder');
    await setActive(client, false);
    expect(answer(await getAs(t, READ, token))).toEqual(INACTIVE);

    await setActive(client, true);
    expect((await getAs(t, READ, token)).body.status).toBe('action-successful');
    expect((await signIn(t, { email: client.email, password: client.password, application: 'planoorder' })).body.status).toBe('action-successful');
  });

  it('a session that ran out while the account was inactive stays expired after reactivation', async () => {
    const client = await createUser(t, { client: true });
    const token = await tokenFor(t, client, 'planoorder');
    await setActive(client, false);
    t.clock.advanceSeconds(73 * 3600); // past the 72-hour idle limit
    staff = await newUserToken(t, { employee: true }); // the staff session ran out too
    await setActive(client, true);
    expect(answer(await getAs(t, READ, token))).toEqual({ status: 'session-expired', http: 401 });
  });

  it('an XSO code issued before deactivation: redeem → account-inactive and the code stays unused; after reactivation it redeems', async () => {
    const client = await createUser(t, { client: true });
    const token = await tokenFor(t, client, 'planoorder');
    const code = await xsoCode(t, token, { client_id: client.clientId as number });
    await setActive(client, false);

    const refused = await redeemXso(t, capture, { code });
    expect(answer(refused)).toEqual(INACTIVE);
    expect(refused.body.data).toBeNull();

    await setActive(client, true);
    const redeemed = await redeemXso(t, capture, { code });
    expect(redeemed.body).toMatchObject({ status: 'action-successful', data: { client_id: client.clientId, user: { id: client.user.id } } });
  });

  it('a deactivated client who is also staff or a liaison is unaffected', async () => {
    const linked = await createUser(t, { client: true });
    for (const roles of [{ client: true, employee: true }, { client: true, liaisonFor: [linked.clientId as number] }]) {
      const user = await createUser(t, roles);
      const token = await tokenFor(t, user, 'planoorder');
      await setActive(user, false);
      expect((await getAs(t, READ, token)).body).toMatchObject({ status: 'action-successful', data: { roles: { client_id: user.clientId } } });
      expect((await signIn(t, { email: user.email, password: user.password, application: 'planoorder' })).body.status).toBe('action-successful');
    }
  });

  it('a liaison linked to a deactivated client, and staff, keep working, and staff still read the client', async () => {
    const client = await createUser(t, { client: true });
    const liaison = await createUser(t, { liaisonFor: [client.clientId as number] });
    const liaisonToken = await tokenFor(t, liaison, 'planoorder');
    await setActive(client, false);
    expect((await getAs(t, READ, liaisonToken)).body.status).toBe('action-successful');
    expect((await getAs(t, '/api/v1/clients/read', staff, { id: client.clientId as number })).body).toMatchObject({
      status: 'action-successful',
      data: { client: { id: client.clientId, active: false } },
    });
  });
});
