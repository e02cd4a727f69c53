import { randomBytes } from 'node:crypto';
import { SessionEntity } from '../src/modules/sessions/entities/session.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { changePassword, createUser, newCaller, registerUser, signIn, storedHashOf, tokenFor, type TestUser } from './support/accounts.js';
import { bearer, createTestApp, getAs, type TestApp } from './support/test-app.js';

const DAY = 24 * 3600;

describe('sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const read = (token: string) => t.http.get('/api/v1/sessions/read').query({ token });
  const sessionRow = (id: number) => t.dataSource.getRepository(SessionEntity).findOneByOrFail({ id });

  describe('sessions/create', () => {
    let client: TestUser;

    beforeAll(async () => {
      client = await createUser(t, { client: true });
    });

    it('signs in with email and password and answers the token once, with the session view', async () => {
      // The clock is shared with tests that move it: set it, rather than rely on running first.
      t.clock.set('2026-01-15T09:00:00.000Z');
      const response = await signIn(t, { email: client.email, password: client.password, application: 'planoorder' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'action-successful',
        data: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), user: { id: client.user.id, email: client.email } },
        session: {
          id: expect.any(Number),
          application: 'planoorder',
          user_id: client.user.id,
          remember_me: false,
          created_at: '2026-01-15T09:00:00.000Z',
          last_used_at: '2026-01-15T09:00:00.000Z',
          expires_at: '2026-01-18T09:00:00.000Z', // the idle limit comes first: 72 hours
        },
      });
      expect(response.body.data.user).not.toHaveProperty('password_hash');
      const row = await sessionRow(response.body.session.id);
      expect(row).toMatchObject({ userId: client.user.id, tokenHash: storedHashOf(response.body.data.token), revokedAt: null });
    });

    it('compares emails case-insensitively', async () => {
      const response = await signIn(t, { email: client.email.toUpperCase(), password: client.password, application: 'planoauth' });
      expect(response.body.status).toBe('action-successful');
    });

    it.each([
      ['email-not-found', () => ({ email: 'nobody@example.com', password: 'whatever-password', application: 'planoauth' })],
      ['invalid-password', () => ({ email: client.email, password: 'wrong-password', application: 'planoauth' })],
    ])('answers %s with 400', async (slug, params) => {
      const response = await signIn(t, params());
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: slug, data: null, session: null });
    });

    it('answers user-has-no-password for a user who signs in another way', async () => {
      const google = await createUser(t, { client: true, password: null });
      const response = await signIn(t, { email: google.email, password: 'anything-at-all', application: 'planoauth' });
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('user-has-no-password');
    });

    it('lets a role-less user into planoauth only (user-requires-role elsewhere)', async () => {
      const roleless = await createUser(t);
      for (const application of ['planoorder', 'planox2', 'capture']) {
        const response = await signIn(t, { email: roleless.email, password: roleless.password, application });
        expect(response.status).toBe(400);
        expect(response.body.status).toBe('user-requires-role');
      }
      const planoauth = await signIn(t, { email: roleless.email, password: roleless.password, application: 'planoauth' });
      expect(planoauth.body.status).toBe('action-successful');
    });

    it('names missing and invalid params', async () => {
      const missing = await signIn(t, { email: client.email });
      expect(missing.body.status).toBe('missing-param');
      expect(missing.body.errors.map((e: { param: string }) => e.param).sort()).toEqual(['application', 'password']);
      const invalid = await signIn(t, { email: client.email, password: 'x', application: 'myspace' });
      expect(invalid.body.status).toBe('invalid-param');
      expect(invalid.body.errors).toEqual([expect.objectContaining({ param: 'application', problem: 'invalid' })]);
    });

    it('refuses credentials sent as plain JSON', async () => {
      const response = await t.http
        .post('/api/v1/sessions/create')
        .send({ email: client.email, password: client.password, application: 'planoauth' });
      expect(response.body.status).toBe('invalid-encoded-params');
    });

    it('saves remember_me: true as the user preference', async () => {
      const user = await createUser(t, { client: true });
      const response = await signIn(t, { email: user.email, password: user.password, application: 'planoauth', remember_me: true });
      expect(response.body.session).toMatchObject({ remember_me: true, expires_at: null });
      await expect(t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.user.id })).resolves.toMatchObject({ rememberMe: true });
    });

    it('echoes a redirect_url on one of our applications and refuses any other', async () => {
      const base = { email: client.email, password: client.password, application: 'planoorder' };
      const ours = await signIn(t, { ...base, redirect_url: 'http://127.0.0.1:4300/orders/12' });
      expect(ours.body.data.redirect_url).toBe('http://127.0.0.1:4300/orders/12');
      const theirs = await signIn(t, { ...base, redirect_url: 'https://evil.example.com/phish' });
      expect(theirs.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'redirect_url', problem: 'not-allowed' }] });
    });
  });

  describe('the token matrix on a guarded route', () => {
    let user: TestUser;

    beforeAll(async () => {
      user = await createUser(t, { client: true });
    });

    it('no token → invalid-token 401', async () => {
      const response = await t.http.get('/api/v1/sessions/read');
      expect(response.status).toBe(401);
      expect(response.body.status).toBe('invalid-token');
    });

    it.each([
      ['malformed', 'not-a-token'],
      ['unknown', randomBytes(32).toString('base64url')],
      ['empty', ''],
    ])('%s token → invalid-token 401', async (_case, token) => {
      const response = await read(token);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 'invalid-token', session: null });
    });

    it('a valid token → action-successful with the user, roles and session view', async () => {
      const token = await tokenFor(t, user);
      const response = await read(token);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'action-successful',
        data: { user: { id: user.user.id }, roles: { client_id: user.clientId, employee_id: null, admin: false, liaison_id: null } },
        session: { user_id: user.user.id, application: 'planoauth' },
      });
    });

    it('revoked by sessions/destroy → invalid-token', async () => {
      const token = await tokenFor(t, user);
      const destroy = await t.http.post('/api/v1/sessions/destroy').send({ token });
      expect(destroy.body).toMatchObject({ status: 'action-successful', data: { revoked: 1 } });
      const response = await read(token);
      expect(response.status).toBe(401);
      expect(response.body.status).toBe('invalid-token');
    });

    it('absolute limit: used daily, expired after 7 days → session-expired, and it stays expired', async () => {
      // A user of its own: this test turns remember_me on, which would change every other test's answers.
      const user = await createUser(t, { client: true });
      const token = await tokenFor(t, user);
      for (let day = 1; day <= 7; day += 1) {
        t.clock.advanceSeconds(DAY);
        expect((await read(token)).body.status).toBe('action-successful');
      }
      t.clock.advanceSeconds(1);
      const expired = await read(token);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ status: 'session-expired', session: null });
      const row = await t.dataSource.getRepository(SessionEntity).findOneByOrFail({ tokenHash: storedHashOf(token) });
      expect(row.expiredAt).not.toBeNull();
      // Turning remember_me on afterwards does not bring it back.
      await t.dataSource.getRepository(UserEntity).update({ id: user.user.id }, { rememberMe: true });
      expect((await read(token)).body.status).toBe('session-expired');
    });

    it('idle limit: unused for 72 hours and a second → session-expired', async () => {
      const token = await tokenFor(t, user);
      t.clock.advanceSeconds(3 * DAY);
      expect((await read(token)).body.status).toBe('action-successful');
      t.clock.advanceSeconds(3 * DAY + 1);
      const response = await read(token);
      expect(response.status).toBe(401);
      expect(response.body.status).toBe('session-expired');
    });

    it('idle and old, but the user has remember_me → still valid', async () => {
      const remembered = await createUser(t, { client: true, rememberMe: true });
      const token = await tokenFor(t, remembered);
      t.clock.advanceSeconds(90 * DAY);
      const response = await read(token);
      expect(response.status).toBe(200);
      expect(response.body.session).toMatchObject({ remember_me: true, expires_at: null });
    });

    it('the Authorization header wins over the token param', async () => {
      const token = await tokenFor(t, user);
      const headerWins = await getAs(t, '/api/v1/sessions/read', token, { token: 'garbage' });
      expect(headerWins.body.status).toBe('action-successful');
      const badHeader = await getAs(t, '/api/v1/sessions/read', 'garbage', { token });
      expect(badHeader.body.status).toBe('invalid-token');
    });

    it('reads the token from a POST body too', async () => {
      const token = await tokenFor(t, user);
      const response = await t.http.post('/api/v1/sessions/revoke').send({ token, all_others: true });
      expect(response.body.status).toBe('action-successful');
    });
  });

  describe('remember_me past the operator cap', () => {
    let capped: TestApp;

    beforeAll(async () => {
      capped = await createTestApp({ env: { REMEMBER_ME_MAX_AGE_SECONDS: String(30 * DAY) } });
    });

    afterAll(async () => {
      await capped.close();
    });

    it('expires a remember_me session once it is older than REMEMBER_ME_MAX_AGE_SECONDS', async () => {
      const user = await createUser(capped, { client: true, rememberMe: true });
      const token = await tokenFor(capped, user);
      capped.clock.advanceSeconds(30 * DAY);
      const atCap = await capped.http.get('/api/v1/sessions/read').query({ token });
      expect(atCap.body).toMatchObject({ status: 'action-successful', session: { expires_at: '2026-02-14T09:00:00.000Z' } });
      capped.clock.advanceSeconds(1);
      const past = await capped.http.get('/api/v1/sessions/read').query({ token });
      expect(past.status).toBe(401);
      expect(past.body.status).toBe('session-expired');
    });
  });

  describe('roles', () => {
    it('client-required for a role-less user, carrying the session view', async () => {
      const roleless = await createUser(t);
      const token = await tokenFor(t, roleless);
      const response = await t.http.post('/api/v1/users/update_preferences').send({ token, remember_me: true });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        status: 'client-required',
        data: null,
        session: { user_id: roleless.user.id, application: 'planoauth', remember_me: false },
      });
      await expect(t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: roleless.user.id })).resolves.toMatchObject({
        rememberMe: false,
      });
    });

    it.each([
      ['a client', { client: true }],
      ['a liaison', { liaisonFor: [] as number[] }],
      ['an employee who is not admin', { employee: true }],
    ])('permission-denied 403 for %s on an admin route', async (_who, roles) => {
      const { user: caller, token } = await newCaller(t, roles);
      const response = await getAs(t, '/api/v1/applications/index', token);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ status: 'permission-denied', session: { user_id: caller.user.id } });
    });
  });

  describe('last_used_at touch throttling', () => {
    it('writes last_used_at once for many uses inside one interval', async () => {
      const user = await createUser(t, { client: true });
      const token = await tokenFor(t, user);
      const { id } = await t.dataSource.getRepository(SessionEntity).findOneByOrFail({ tokenHash: storedHashOf(token) });
      const signedInAt = t.clock.now();

      t.clock.advanceSeconds(61);
      const firstUse = t.clock.now();
      for (let i = 0; i < 10; i += 1) {
        expect((await read(token)).body.status).toBe('action-successful');
        t.clock.advanceSeconds(5); // 10 uses over 50 s: all inside one 60 s interval after the first
      }
      expect((await sessionRow(id)).lastUsedAt).toEqual(firstUse);
      expect(firstUse.getTime() - signedInAt.getTime()).toBe(61_000);

      t.clock.advanceSeconds(11); // 61 s after the first touch
      await read(token);
      expect((await sessionRow(id)).lastUsedAt).toEqual(t.clock.now());
    });

    it('writes on every use with SESSION_TOUCH_INTERVAL_SECONDS=0', async () => {
      const eager = await createTestApp({ env: { SESSION_TOUCH_INTERVAL_SECONDS: '0' } });
      try {
        const user = await createUser(eager, { client: true });
        const token = await tokenFor(eager, user);
        for (let i = 0; i < 3; i += 1) {
          eager.clock.advanceSeconds(1);
          await eager.http.get('/api/v1/sessions/read').query({ token });
          const row = await eager.dataSource.getRepository(SessionEntity).findOneByOrFail({ tokenHash: storedHashOf(token) });
          expect(row.lastUsedAt).toEqual(eager.clock.now());
        }
      } finally {
        await eager.close();
      }
    });
  });

  describe('sessions/index and sessions/revoke', () => {
    it('lists the caller’s live sessions without tokens, and revokes one or all others', async () => {
      const user = await createUser(t, { client: true });
      const [a, b, c] = [await tokenFor(t, user), await tokenFor(t, user, 'planoorder'), await tokenFor(t, user, 'planox2')];
      const other = await createUser(t, { client: true });
      await tokenFor(t, other);

      const index = await t.http.get('/api/v1/sessions/index').query({ token: a });
      expect(index.body.data.results.map((s: { application: string }) => s.application)).toEqual(['planox2', 'planoorder', 'planoauth']);
      expect(JSON.stringify(index.body)).not.toContain(a);
      expect(index.body.data.results[0]).not.toHaveProperty('token_hash');

      const bId = index.body.data.results[1].id as number;
      const one = await t.http.post('/api/v1/sessions/revoke').send({ token: a, id: bId });
      expect(one.body.data).toEqual({ revoked: 1 });
      expect((await read(b)).body.status).toBe('invalid-token');

      const othersSession = await t.dataSource.getRepository(SessionEntity).findOneByOrFail({ userId: other.user.id });
      const foreign = await t.http.post('/api/v1/sessions/revoke').send({ token: a, id: othersSession.id });
      expect(foreign.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'not-found' }] });
      expect((await sessionRow(othersSession.id)).revokedAt).toBeNull();

      const neither = await t.http.post('/api/v1/sessions/revoke').send({ token: a });
      expect(neither.body.status).toBe('missing-param');

      const rest = await t.http.post('/api/v1/sessions/revoke').send({ token: a, all_others: true });
      expect(rest.body.data).toEqual({ revoked: 1 });
      expect((await read(c)).body.status).toBe('invalid-token');
      expect((await read(a)).body.status).toBe('action-successful');
    });
  });

  describe('users/register and users/update_preferences', () => {

    it('creates a role-less user with a planoauth session', async () => {
      const response = await registerUser(t, { email: 'New.Person@Example.com', password: 'a-long-password', first_name: 'New', last_name: 'Person' });
      expect(response.body).toMatchObject({
        status: 'action-successful',
        data: { token: expect.any(String), user: { email: 'new.person@example.com', first_name: 'New', remember_me: false } },
        session: { application: 'planoauth' },
      });
      const readBack = await read(response.body.data.token);
      expect(readBack.body.data.roles).toEqual({ client_id: null, employee_id: null, admin: false, liaison_id: null });
    });

    it('refuses an email that already has a user, whatever its case', async () => {
      await registerUser(t, { email: 'twice@example.com', password: 'a-long-password', first_name: 'A', last_name: 'B' });
      const again = await registerUser(t, { email: 'TWICE@example.com', password: 'a-long-password', first_name: 'A', last_name: 'B' });
      expect(again.status).toBe(400);
      expect(again.body.status).toBe('email-already-registered');
      await expect(t.dataSource.getRepository(UserEntity).countBy({ email: 'twice@example.com' })).resolves.toBe(1);
    });

    it('registers one user when many register one email at once', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 8 }, () => registerUser(t, { email: 'race@example.com', password: 'a-long-password', first_name: 'R', last_name: 'C' })),
      );
      const statuses = attempts.map((response) => response.body.status).sort();
      expect(statuses.filter((s) => s === 'action-successful')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'email-already-registered')).toHaveLength(7);
      await expect(t.dataSource.getRepository(UserEntity).countBy({ email: 'race@example.com' })).resolves.toBe(1);
    });

    it('turns remember_me on and off, with the session view following', async () => {
      const user = await createUser(t, { client: true });
      const token = await tokenFor(t, user);
      const on = await t.http.post('/api/v1/users/update_preferences').send({ token, remember_me: true });
      expect(on.body).toMatchObject({ data: { user: { remember_me: true } }, session: { remember_me: true, expires_at: null } });
      await expect(t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.user.id })).resolves.toMatchObject({ rememberMe: true });
      const off = await t.http.post('/api/v1/users/update_preferences').send({ token, remember_me: false });
      expect(off.body.session).toMatchObject({ remember_me: false, expires_at: expect.any(String) });
    });
  });

  describe('users/change_password', () => {
    // The session token as a param, not a header.
    const change = (token: string, params: Record<string, unknown>) => changePassword(t, undefined, { token, ...params });

    it('revokes every other session of the user and keeps the current one', async () => {
      const user = await createUser(t, { client: true });
      const [current, second, third] = [await tokenFor(t, user), await tokenFor(t, user), await tokenFor(t, user, 'planoorder')];
      const bystander = await createUser(t, { client: true });
      const bystanderToken = await tokenFor(t, bystander);

      const response = await change(current, { current_password: user.password, new_password: 'a-brand-new-password' });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { revoked_sessions: 2 } });

      expect((await read(current)).body.status).toBe('action-successful');
      expect((await read(second)).body.status).toBe('invalid-token');
      expect((await read(third)).body.status).toBe('invalid-token');
      expect((await read(bystanderToken)).body.status).toBe('action-successful');
      const rows = await t.dataSource.getRepository(SessionEntity).findBy({ userId: user.user.id });
      expect(rows.filter((row) => row.revokedAt !== null)).toHaveLength(2);

      const oldPassword = await signIn(t, { email: user.email, password: user.password, application: 'planoauth' });
      expect(oldPassword.body.status).toBe('invalid-password');
      const newPassword = await signIn(t, { email: user.email, password: 'a-brand-new-password', application: 'planoauth' });
      expect(newPassword.body.status).toBe('action-successful');
    });

    it('answers invalid-password for a wrong current password and changes nothing', async () => {
      const user = await createUser(t, { client: true });
      const token = await tokenFor(t, user);
      const other = await tokenFor(t, user);
      const response = await change(token, { current_password: 'not-my-password', new_password: 'a-brand-new-password' });
      expect(response.body.status).toBe('invalid-password');
      expect((await read(other)).body.status).toBe('action-successful');
    });
  });

  describe('secrets at rest and in the logs', () => {
    it('stores only the SHA-256 of tokens and an argon2id hash of passwords, and logs neither', async () => {
      const password = 'Secret-Pa55word-for-storage';
      const registered = await registerUser(t, { email: 'stored@example.com', password, first_name: 'S', last_name: 'T' });
      const token = registered.body.data.token as string;
      await read(token);
      await t.http.post('/api/v1/sessions/destroy').set(bearer(token));

      const users = await t.dataSource.query('SELECT * FROM users');
      const sessions = await t.dataSource.query('SELECT * FROM sessions');
      const everything = JSON.stringify([users, sessions]);
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(password);
      const user = (users as Array<Record<string, unknown>>).find((row) => row.email === 'stored@example.com');
      // argon2id v19 at m=19456, t=2, p=1, in whichever order the binding writes them.
      const phc = /^\$argon2id\$v=19\$([a-z]=\d+,[a-z]=\d+,[a-z]=\d+)\$/.exec(String(user?.password_hash));
      expect(phc).not.toBeNull();
      expect(Object.fromEntries(phc![1].split(',').map((pair) => pair.split('=')))).toEqual({ m: '19456', t: '2', p: '1' });
      expect((sessions as Array<Record<string, unknown>>).some((row) => row.token_hash === storedHashOf(token))).toBe(true);

      const logs = t.logs.text();
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(password);
    });
  });
});
