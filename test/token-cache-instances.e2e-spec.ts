import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN, call, registerClientOver, serverInstancesPerTest, signInOver, type ServerInstance } from './support/server-instances.js';
import { testEngine } from './support/test-database.js';

/*
 * The token cache (SESSION_CACHE_TTL_MS, 500 ms by default) across instances, each its own server
 * process on one database: instance B answers a token check from memory, and logout, revocation, a
 * password change and expiry still take effect there within the bound the registry promises for
 * its changes, one second — and on instance A, which made the change, at once. A client staff
 * deactivate (account-inactive) is held to the same bound. The bound is a
 * promise to operators, so it is measured in real time: from A's answer to the first refusal B
 * gives, polling every 20 ms.
 */
const BOUND_MS = 1000;
const CLIENT_PASSWORD = 'client-password-long'; // registerClientOver's

describe(`token cache across instances (${testEngine()})`, () => {
  const instances = serverInstancesPerTest();

  const read = (instance: ServerInstance, token: string) => call(instance.url, 'GET', '/api/v1/sessions/read', { token });

  /**
   * Reads `token` on B until B refuses it; answers the refusal, how long after `since` it came, and
   * whether B still accepted the token right after the change (served from its memory).
   */
  async function refusalOn(instance: ServerInstance, token: string, since: number) {
    const first = await read(instance, token);
    let answer = first;
    while (answer.body.status === 'action-successful' && performance.now() - since < 5 * BOUND_MS) {
      await sleep(20);
      answer = await read(instance, token);
    }
    return { status: answer.body.status, ms: Math.round(performance.now() - since), acceptedRightAfter: first.body.status === 'action-successful' };
  }

  /** A client signed in on A, its token warm in B's cache. */
  async function clientWarmOn(b: ServerInstance, a: ServerInstance) {
    const email = `cache-${Date.now()}-${Math.random()}@example.com`;
    const client = await registerClientOver(a.url, email);
    expect((await read(b, client.token)).body.status).toBe('action-successful');
    return { ...client, email };
  }

  /** The same client signed in a second time on A, that token warm in B's cache too. */
  async function secondSessionWarmOn(b: ServerInstance, a: ServerInstance, email: string) {
    const token = await signInOver(a.url, email, CLIENT_PASSWORD);
    expect((await read(b, token)).body.status).toBe('action-successful');
    return token;
  }

  function report(what: string, result: { status: string; ms: number; acceptedRightAfter: boolean }) {
    process.stdout.write(`token cache, ${what}: refused on the other instance after ${result.ms} ms (${result.status}); accepted from memory right after: ${result.acceptedRightAfter}\n`);
  }

  it('logout on A: refused on A at once, on B within a second', async () => {
    const [a, b] = await instances.startPair();
    const { token } = await clientWarmOn(b, a);

    const logout = await call(a.url, 'POST', '/api/v1/sessions/destroy', { token });
    const loggedOutAt = performance.now();
    expect(logout.body.status).toBe('action-successful');
    expect((await read(a, token)).body.status).toBe('invalid-token');

    const onB = await refusalOn(b, token, loggedOutAt);
    report('logout', onB);
    expect(onB.status).toBe('invalid-token');
    expect(onB.ms).toBeLessThanOrEqual(BOUND_MS);
  }, 60_000);

  it('sessions/revoke of another session on A: refused on B within a second', async () => {
    const [a, b] = await instances.startPair();
    const client = await clientWarmOn(b, a);
    const currentId = ((await read(a, client.token)).body.session as { id: number }).id;
    const second = await secondSessionWarmOn(b, a, client.email);
    const sessions = await call(a.url, 'GET', '/api/v1/sessions/index', { token: client.token });
    const secondId = (sessions.body.data as { results: Array<{ id: number }> }).results.find((session) => session.id !== currentId)?.id;

    const revoke = await call(a.url, 'POST', '/api/v1/sessions/revoke', { token: client.token, json: { id: secondId as number } });
    const revokedAt = performance.now();
    expect(revoke.body).toMatchObject({ status: 'action-successful', data: { revoked: 1 } });

    const onB = await refusalOn(b, second, revokedAt);
    report('sessions/revoke', onB);
    expect(onB.status).toBe('invalid-token');
    expect(onB.ms).toBeLessThanOrEqual(BOUND_MS);
  }, 60_000);

  it('a password change on A revokes the other sessions: refused on B within a second', async () => {
    const [a, b] = await instances.startPair();
    const client = await clientWarmOn(b, a);
    const other = await secondSessionWarmOn(b, a, client.email);

    const change = await call(a.url, 'POST', '/api/v1/users/change_password', {
      token: client.token,
      sensitive: { current_password: CLIENT_PASSWORD, new_password: 'a-brand-new-password' },
    });
    const changedAt = performance.now();
    expect(change.body.status).toBe('action-successful');

    const onB = await refusalOn(b, other, changedAt);
    report('password change', onB);
    expect(onB.status).toBe('invalid-token');
    expect(onB.ms).toBeLessThanOrEqual(BOUND_MS);
    expect((await read(b, client.token)).body.status).toBe('action-successful'); // the session that changed it stays
  }, 60_000);

  it('a client deactivated by staff on A: account-inactive on A at once, on B within a second', async () => {
    const [a, b] = await instances.startPair();
    const client = await clientWarmOn(b, a);
    const staff = await signInOver(a.url, ADMIN.email, ADMIN.password, 'planoauth');

    const deactivate = await call(a.url, 'PUT', '/api/v1/clients/update', { token: staff, json: { id: client.clientId, active: false } });
    const deactivatedAt = performance.now();
    expect(deactivate.body.status).toBe('action-successful');
    expect((await read(a, client.token)).body.status).toBe('account-inactive');

    const onB = await refusalOn(b, client.token, deactivatedAt);
    report('deactivation', onB);
    expect(onB.status).toBe('account-inactive');
    expect(onB.ms).toBeLessThanOrEqual(BOUND_MS);
  }, 60_000);

  it('expiry: a session cached on B expires there on time (SESSION_MAX_AGE_SECONDS=2)', async () => {
    const [a, b] = await instances.startPair({ SESSION_MAX_AGE_SECONDS: '2' });
    const { token } = await clientWarmOn(b, a);
    // Measured from the session's own created_at (same machine, same clock), not from before the
    // registration request: that one hashes a password first, which on a busy machine took long
    // enough to push a correct refusal past the bound.
    const createdAt = Date.parse(((await read(a, token)).body.session as { created_at: string }).created_at);
    const createdAtOnThisClock = performance.now() - (Date.now() - createdAt);

    const onB = await refusalOn(b, token, createdAtOnThisClock);
    report('expiry after 2 s', onB);
    expect(onB.status).toBe('session-expired');
    // Expiry is worked out on every request from the session's times, cached or not: B refuses it
    // as soon as two seconds have passed since sign-in (plus one poll), not a TTL later.
    expect(onB.ms).toBeLessThanOrEqual(2000 + 250);
  }, 60_000);
});
