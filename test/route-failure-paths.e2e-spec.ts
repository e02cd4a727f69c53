import { randomBytes } from 'node:crypto';
import { Not, IsNull, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { hashToken } from '../src/common/security/opaque-token.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { ApplicationTokenEntity } from '../src/modules/applications/entities/application-token.entity.js';
import { ApiServiceEntity } from '../src/modules/registry/entities/api-service.entity.js';
import { RegistryVersionEntity } from '../src/modules/registry/entities/registry-version.entity.js';
import { SessionEntity } from '../src/modules/sessions/entities/session.entity.js';
import {
  applicationToken,
  changePassword,
  createUser,
  newCaller,
  newPersonParams,
  newUserToken,
  registerUser,
  tokenFor,
  type Caller,
  type TestUser,
  type TestUserOptions,
} from './support/accounts.js';
import { expectFailure } from './support/envelope.js';
import { testEngine } from './support/test-database.js';
import { bearer, createTestApp, postAs, postEncoded, putAs, type TestApp } from './support/test-app.js';
import { redeemXso, xsoCode } from './support/xso-handoff.js';

/*
 * Every non-success status these routes declare (their @ApiStatuses, @Authenticated /
 * @ApplicationAuthenticated, @SensitiveParams, @RateLimited), each asserted as an envelope, and
 * each with a check that the refused request changed nothing. Every test makes the users and
 * sessions it needs; the only shared fixtures are never changed by a test.
 */

/** Past the 72-hour idle limit (CONTRACT.md §4): a session left this long is expired. */
const IDLE_LIMIT_PASSED_SECONDS = 72 * 3600 + 1;

/** Tokens a session route must refuse with invalid-token (CONTRACT.md §3), `none` = no token at all. */
const BAD_SESSION_TOKENS = ['none', 'malformed', 'unknown', 'revoked', 'an application token'] as const;
type BadSessionToken = (typeof BAD_SESSION_TOKENS)[number];

/** Bodies a sensitive-params route cannot decode (CONTRACT.md §1). */
const UNDECODABLE_BODIES: ReadonlyArray<readonly [string, string]> = [
  ['plain JSON', JSON.stringify({ email: 'plain@example.com', password: 'plain-json-password' })],
  ['bad base64', '%%% not base64 %%%'],
  ['base64 of text that is not JSON', Buffer.from('email=someone@example.com').toString('base64')],
];

/** Bodies that decode to no params at all. */
const PARAMLESS_BODIES: ReadonlyArray<readonly [string, unknown]> = [
  ['{}', {}],
  ['[]', []],
  ['a bare string', 'just text'],
  ['a bare number', 42],
];

/** Callers with a role, but not the admin flag the admin routes need. */
const NOT_ADMINS: ReadonlyArray<readonly [string, TestUserOptions]> = [
  ['an employee who is not admin', { employee: true }],
  ['a client', { client: true }],
  ['a liaison', { liaisonFor: [] }],
];

describe(`route failure paths (${testEngine()})`, () => {
  let t: TestApp;
  /** An admin with remember_me, so tests that move the clock past the idle limit never expire it. */
  let admin: string;
  /** A live application token of `capture`. */
  let captureToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await newUserToken(t, { admin: true, rememberMe: true });
    captureToken = await applicationToken(t, admin, 'capture');
  });

  afterAll(async () => {
    await t.close();
  });

  const repository = <Entity extends ObjectLiteral>(entity: EntityTarget<Entity>) => t.dataSource.getRepository(entity);

  /** A token of each refused kind; `revoked` belongs to a user with `roles`, so only the revocation is wrong with it. */
  async function badSessionToken(kind: BadSessionToken, roles: TestUserOptions): Promise<string | undefined> {
    switch (kind) {
      case 'none':
        return undefined;
      case 'malformed':
        return 'not-a-token';
      case 'unknown':
        return randomBytes(32).toString('base64url');
      case 'revoked': {
        const { token } = await newCaller(t, roles);
        await t.http.post('/api/v1/sessions/destroy').set(bearer(token));
        return token;
      }
      case 'an application token':
        return captureToken;
    }
  }

  /** A session of a user with `roles`, left unused past the idle limit. */
  async function expiredSession(roles: TestUserOptions): Promise<Caller> {
    const session = await newCaller(t, roles);
    t.clock.advanceSeconds(IDLE_LIMIT_PASSED_SECONDS);
    return session;
  }

  const isLive = async (token: string) => (await t.http.get('/api/v1/sessions/read').set(bearer(token))).body.status === 'action-successful';
  const sessionRow = (token: string) => repository(SessionEntity).findOneByOrFail({ tokenHash: hashToken(token) });
  const userRow = (user: TestUser) => repository(UserEntity).findOneByOrFail({ id: user.user.id });
  const revokedSessions = () => repository(SessionEntity).countBy({ revokedAt: Not(IsNull()) });
  const sessionsOf = (user: TestUser) => repository(SessionEntity).countBy({ userId: user.user.id });

  describe('POST sessions/destroy', () => {
    const destroy = (token: string | undefined) => t.http.post('/api/v1/sessions/destroy').set(bearer(token));

    it.each(BAD_SESSION_TOKENS)('token: %s → invalid-token 401, and no session is revoked', async (kind) => {
      const bystander = await newCaller(t, { client: true });
      const token = await badSessionToken(kind, { client: true });
      const revokedBefore = await revokedSessions();

      expectFailure(await destroy(token), 'invalid-token', 401);
      await expect(revokedSessions()).resolves.toBe(revokedBefore);
      await expect(isLive(bystander.token)).resolves.toBe(true);
    });

    it('a session past the idle limit → session-expired 401; the attempt does not revoke it, and it stays expired', async () => {
      const { token } = await expiredSession({ client: true });
      expectFailure(await destroy(token), 'session-expired', 401);
      expect((await sessionRow(token)).revokedAt).toBeNull();
      expectFailure(await destroy(token), 'session-expired', 401);
    });

    it('a bad Authorization header wins over a good token in the body: invalid-token, and that session stays live', async () => {
      const { token } = await newCaller(t, { client: true });
      const response = await t.http.post('/api/v1/sessions/destroy').set(bearer('not-a-token')).send({ token });
      expectFailure(response, 'invalid-token', 401);
      await expect(isLive(token)).resolves.toBe(true);
    });

    it('a body it cannot read → invalid-content-type 400, and the session named in it stays live', async () => {
      const { token } = await newCaller(t, { client: true });
      const response = await t.http.post('/api/v1/sessions/destroy').set('Content-Type', 'application/xml').send(`<token>${token}</token>`);
      expectFailure(response, 'invalid-content-type', 400);
      await expect(isLive(token)).resolves.toBe(true);
    });
  });

  describe('POST users/change_password', () => {
    const CHANGE = '/api/v1/users/change_password';
    const NEW_PASSWORD = 'a-brand-new-password';

    /** A client signed in twice: a change would replace the password hash and revoke the other session. */
    async function account(roles: TestUserOptions = { client: true }) {
      const user = await createUser(t, roles);
      const token = await tokenFor(t, user);
      const otherSession = await tokenFor(t, user);
      return { user, token, otherSession, hashBefore: (await userRow(user)).passwordHash };
    }

    async function expectUnchanged(subject: Awaited<ReturnType<typeof account>>): Promise<void> {
      expect((await userRow(subject.user)).passwordHash).toBe(subject.hashBefore);
      expect((await sessionRow(subject.otherSession)).revokedAt).toBeNull();
    }

    it.each(BAD_SESSION_TOKENS)('token: %s → invalid-token 401, and no password changes', async (kind) => {
      const subject = await account();
      const token = await badSessionToken(kind, { client: true });
      const response = await changePassword(t, token, { current_password: subject.user.password, new_password: NEW_PASSWORD });
      expectFailure(response, 'invalid-token', 401);
      await expectUnchanged(subject);
    });

    it('a session past the idle limit → session-expired 401, and the password stays', async () => {
      const subject = await account();
      t.clock.advanceSeconds(IDLE_LIMIT_PASSED_SECONDS);
      const response = await changePassword(t, subject.token, { current_password: subject.user.password, new_password: NEW_PASSWORD });
      expectFailure(response, 'session-expired', 401);
      expect((await userRow(subject.user)).passwordHash).toBe(subject.hashBefore);
    });

    it('a user with no role → client-required 401 with the session view, and the password stays', async () => {
      const subject = await account({});
      const response = await changePassword(t, subject.token, { current_password: subject.user.password, new_password: NEW_PASSWORD });
      expectFailure(response, 'client-required', 401, { session: { user_id: subject.user.user.id, application: 'planoauth' } });
      await expectUnchanged(subject);
    });

    it.each([
      ['no new_password', { current_password: 'set below' }, ['new_password']],
      ['new_password null', { current_password: 'set below', new_password: null }, ['new_password']],
      ['no current_password', { new_password: NEW_PASSWORD }, ['current_password']],
    ])('%s → missing-param naming it, and the password stays', async (_case, params, named) => {
      const subject = await account();
      const withCurrent = 'current_password' in params ? { ...params, current_password: subject.user.password } : params;
      const response = await changePassword(t, subject.token, withCurrent);
      expectFailure(response, 'missing-param', 400, { params: named, session: { user_id: subject.user.user.id } });
      await expectUnchanged(subject);
    });

    it.each([
      ['a new_password under 8 characters', { new_password: 'Qz7#tny' }, ['new_password']],
      ['a numeric new_password', { new_password: 12345678 }, ['new_password']],
      ['a current_password that is not a string', { current_password: ['x'], new_password: NEW_PASSWORD }, ['current_password']],
    ])('%s → invalid-param naming it, and the password stays', async (_case, params, named) => {
      const subject = await account();
      const response = await changePassword(t, subject.token, { current_password: subject.user.password, ...params });
      expectFailure(response, 'invalid-param', 400, { params: named, session: { user_id: subject.user.user.id } });
      await expectUnchanged(subject);
    });

    it('a wrong current_password → invalid-password 400; the old password still signs in, the new one does not', async () => {
      const subject = await account();
      const response = await changePassword(t, subject.token, { current_password: 'not-my-password', new_password: NEW_PASSWORD });
      expectFailure(response, 'invalid-password', 400, { session: { user_id: subject.user.user.id } });
      await expectUnchanged(subject);
      await expect(isLive(subject.otherSession)).resolves.toBe(true);
      const oldStillWorks = await tokenFor(t, subject.user);
      expect(oldStillWorks).toEqual(expect.any(String));
      await expect(tokenFor(t, { ...subject.user, password: NEW_PASSWORD })).rejects.toThrow(/invalid-password/);
    });

    it('a user without a password (signed in by magic link) sets a first one without current_password; other sessions are revoked', async () => {
      const subject = await account();
      await repository(UserEntity).update({ id: subject.user.user.id }, { passwordHash: null });
      const response = await changePassword(t, subject.token, { new_password: NEW_PASSWORD });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { revoked_sessions: 1 } });
      expect((await userRow(subject.user)).passwordHash).toEqual(expect.stringMatching(/^\$argon2id\$/));
      expect((await sessionRow(subject.otherSession)).revokedAt).not.toBeNull();
      await expect(tokenFor(t, { ...subject.user, password: NEW_PASSWORD })).resolves.toEqual(expect.any(String));
      // From then on the password is asked for like anyone's.
      const again = await changePassword(t, subject.token, { new_password: 'yet-another-password' });
      expectFailure(again, 'missing-param', 400, { params: ['current_password'], session: { user_id: subject.user.user.id } });
    });

    it.each(UNDECODABLE_BODIES)('%s → invalid-encoded-params 400, and the password stays', async (_case, body) => {
      const subject = await account();
      expectFailure(await postEncoded(t, CHANGE, subject.token, body), 'invalid-encoded-params', 400);
      await expectUnchanged(subject);
    });

    it('the params as plain JSON, even with the token in them → invalid-encoded-params 400, and the password stays', async () => {
      const subject = await account();
      const response = await t.http
        .post(CHANGE)
        .send({ token: subject.token, current_password: subject.user.password, new_password: NEW_PASSWORD });
      expectFailure(response, 'invalid-encoded-params', 400);
      await expectUnchanged(subject);
    });

    it.each(PARAMLESS_BODIES)('base64 of %s → no-params-decoded 400, and the password stays', async (_case, params) => {
      const subject = await account();
      expectFailure(await changePassword(t, subject.token, params), 'no-params-decoded', 400);
      await expectUnchanged(subject);
    });
    describe('over the sign-in budget', () => {
      let limited: TestApp;

      beforeAll(async () => {
        // Sign-in and password changes share this budget per address and email (CONTRACT.md §12).
        limited = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3' } });
      });

      afterAll(async () => {
        await limited.close();
      });

      it('a change after the budget is spent → rate-limit-exceeded 429 with Retry-After, even with the right password, which stays', async () => {
        const user = await createUser(limited, { client: true });
        const token = await tokenFor(limited, user); // attempt 1
        const send = (current: string) => changePassword(limited, token, { current_password: current, new_password: NEW_PASSWORD });
        expect((await send('wrong-guess-1')).body.status).toBe('invalid-password'); // attempt 2
        expect((await send('wrong-guess-2')).body.status).toBe('invalid-password'); // attempt 3
        const hashBefore = (await limited.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.user.id })).passwordHash;

        const refused = await send(user.password);
        expectFailure(refused, 'rate-limit-exceeded', 429, { session: { user_id: user.user.id } });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        await expect(limited.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.user.id })).resolves.toMatchObject({ passwordHash: hashBefore });
      });
    });
  });

  describe('POST users/register', () => {
    const REGISTER = '/api/v1/users/register';
    const usersWithEmail = (email: string) => repository(UserEntity).countBy({ email: email.toLowerCase() });

    it('missing fields → missing-param naming each, and no user', async () => {
      const params = newPersonParams();
      const response = await registerUser(t, { email: params.email });
      expectFailure(response, 'missing-param', 400, { params: ['password', 'first_name', 'last_name'] });
      await expect(usersWithEmail(params.email)).resolves.toBe(0);
    });

    it('an email given as null → missing-param naming email', async () => {
      expectFailure(await registerUser(t, newPersonParams({ email: null })), 'missing-param', 400, { params: ['email'] });
    });

    it.each([
      ['an email that is not one', 'email', { email: 'not-an-email' }],
      ['a password under 8 characters', 'password', { password: 'Qz7#tny' }],
      ['an empty first_name', 'first_name', { first_name: '' }],
      ['a last_name over 100 characters', 'last_name', { last_name: 'x'.repeat(101) }],
      ['a numeric phone', 'phone', { phone: 5550100 }],
      ['a first_name that is an object', 'first_name', { first_name: { text: 'Fay' } }],
    ])('%s → invalid-param naming %s, and no user', async (_case, param, overrides) => {
      const params = newPersonParams(overrides);
      expectFailure(await registerUser(t, params), 'invalid-param', 400, { params: [param] });
      const email = typeof params.email === 'string' ? params.email : '';
      await expect(usersWithEmail(email)).resolves.toBe(0);
    });

    // A NUL character in a name: hostile-input.e2e-spec.ts ("registration names …").

    it('an email that already has a user, in another case → email-already-registered 400; that user is untouched', async () => {
      const existing = await createUser(t, { client: true });
      const before = await userRow(existing);
      const sessionsBefore = await sessionsOf(existing);
      const response = await registerUser(t, newPersonParams({ email: existing.email.toUpperCase(), password: 'a-takeover-password' }));
      expectFailure(response, 'email-already-registered', 400);
      await expect(usersWithEmail(existing.email)).resolves.toBe(1);
      await expect(userRow(existing)).resolves.toEqual(before);
      await expect(sessionsOf(existing)).resolves.toBe(sessionsBefore);
    });

    it.each(UNDECODABLE_BODIES)('%s → invalid-encoded-params 400, and no user', async (_case, body) => {
      const usersBefore = await repository(UserEntity).count();
      expectFailure(await postEncoded(t, REGISTER, undefined, body), 'invalid-encoded-params', 400);
      await expect(repository(UserEntity).count()).resolves.toBe(usersBefore);
    });

    it('the params as plain JSON → invalid-encoded-params 400, and no user', async () => {
      const params = newPersonParams();
      expectFailure(await t.http.post(REGISTER).send(params), 'invalid-encoded-params', 400);
      await expect(usersWithEmail(params.email)).resolves.toBe(0);
    });

    it.each(PARAMLESS_BODIES)('base64 of %s → no-params-decoded 400, and no user', async (_case, params) => {
      const usersBefore = await repository(UserEntity).count();
      expectFailure(await registerUser(t, params), 'no-params-decoded', 400);
      await expect(repository(UserEntity).count()).resolves.toBe(usersBefore);
    });

    describe('over the per-address limit', () => {
      let limited: TestApp;

      beforeAll(async () => {
        limited = await createTestApp({ env: { RATE_LIMIT_REGISTER_PER_MINUTE: '2' } });
      });

      afterAll(async () => {
        await limited.close();
      });

      it('the third registration in a minute → rate-limit-exceeded 429 with Retry-After, and no user', async () => {
        const send = (params: Record<string, unknown>) => registerUser(limited, params);
        const [first, second, third] = [newPersonParams(), newPersonParams(), newPersonParams()];
        expect((await send(first)).body.status).toBe('action-successful');
        expect((await send(second)).body.status).toBe('action-successful');
        const refused = await send(third);
        expectFailure(refused, 'rate-limit-exceeded', 429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        await expect(limited.dataSource.getRepository(UserEntity).countBy({ email: third.email })).resolves.toBe(0);
      });
    });
  });

  describe('POST users/update_preferences', () => {
    const update = (token: string | undefined, params: Record<string, unknown>) => postAs(t, '/api/v1/users/update_preferences', token, params);
    const rememberingUsers = () => repository(UserEntity).countBy({ rememberMe: true });

    it.each(BAD_SESSION_TOKENS)('token: %s → invalid-token 401, and no preference changes', async (kind) => {
      const token = await badSessionToken(kind, { client: true });
      const before = await rememberingUsers();
      expectFailure(await update(token, { remember_me: true }), 'invalid-token', 401);
      await expect(rememberingUsers()).resolves.toBe(before);
    });

    it('a session past the idle limit → session-expired 401; remember_me stays off and cannot revive it', async () => {
      const { user, token } = await expiredSession({ client: true });
      expectFailure(await update(token, { remember_me: true }), 'session-expired', 401);
      expect((await userRow(user)).rememberMe).toBe(false);
      expectFailure(await t.http.get('/api/v1/sessions/read').set(bearer(token)), 'session-expired', 401);
    });

    it('a user with no role → client-required 401 with the session view, and remember_me stays off', async () => {
      const { user, token } = await newCaller(t, {});
      const response = await update(token, { remember_me: true });
      expectFailure(response, 'client-required', 401, { session: { user_id: user.user.id, remember_me: false } });
      expect((await userRow(user)).rememberMe).toBe(false);
    });

    it.each([
      ['a word', 'yes'],
      ['a number', 1],
      ['a list', [true]],
      ['an object', { on: true }],
    ])('remember_me as %s → invalid-param naming remember_me, and it stays off', async (_case, value) => {
      const { user, token } = await newCaller(t, { client: true });
      const response = await update(token, { remember_me: value });
      expectFailure(response, 'invalid-param', 400, { params: ['remember_me'], session: { user_id: user.user.id, remember_me: false } });
      expect((await userRow(user)).rememberMe).toBe(false);
    });
  });

  describe('PUT api_services/update', () => {
    /** The service the refused updates aim at: nothing in this file depends on it being deployed. */
    const TARGET = 'notifications';
    const update = (token: string | undefined, params: Record<string, unknown>) => putAs(t, '/api/v1/api_services/update', token, params);
    const serviceRow = (slug: string) => repository(ApiServiceEntity).findOneByOrFail({ slug });
    /** What a refused update must leave alone: the service's flag, and the version every instance polls. */
    const registryState = async (slug = TARGET) => ({
      deployed: (await serviceRow(slug)).deployed,
      version: (await repository(RegistryVersionEntity).findOneByOrFail({ id: 1 })).version,
    });

    it.each(BAD_SESSION_TOKENS)('token: %s → invalid-token 401, and the registry is unchanged', async (kind) => {
      const token = await badSessionToken(kind, { admin: true });
      const before = await registryState();
      expectFailure(await update(token, { id: (await serviceRow(TARGET)).id, deployed: false }), 'invalid-token', 401);
      await expect(registryState()).resolves.toEqual(before);
    });

    it('an admin session past the idle limit → session-expired 401, and the registry is unchanged', async () => {
      const { token } = await expiredSession({ admin: true });
      const before = await registryState();
      expectFailure(await update(token, { id: (await serviceRow(TARGET)).id, deployed: false }), 'session-expired', 401);
      await expect(registryState()).resolves.toEqual(before);
    });

    it('a user with no role → client-required 401 with the session view, and the registry is unchanged', async () => {
      const { user, token } = await newCaller(t, {});
      const before = await registryState();
      const response = await update(token, { id: (await serviceRow(TARGET)).id, deployed: false });
      expectFailure(response, 'client-required', 401, { session: { user_id: user.user.id } });
      await expect(registryState()).resolves.toEqual(before);
    });

    it.each(NOT_ADMINS)('%s → permission-denied 403 with the session view, and the registry is unchanged', async (_who, roles) => {
      const { user, token } = await newCaller(t, roles);
      const before = await registryState();
      const response = await update(token, { id: (await serviceRow(TARGET)).id, deployed: false });
      expectFailure(response, 'permission-denied', 403, { session: { user_id: user.user.id } });
      await expect(registryState()).resolves.toEqual(before);
    });

    it.each([
      ['no id', (_id: number) => ({ deployed: false }), ['id']],
      ['id null', (_id: number) => ({ id: null, deployed: false }), ['id']],
      ['no deployed', (id: number) => ({ id }), ['deployed']],
      ['deployed null', (id: number) => ({ id, deployed: null }), ['deployed']],
    ])('%s → missing-param naming it, and the registry is unchanged', async (_case, params, named) => {
      const before = await registryState();
      const response = await update(admin, params((await serviceRow(TARGET)).id));
      expectFailure(response, 'missing-param', 400, { params: named, session: { application: 'planoauth' } });
      await expect(registryState()).resolves.toEqual(before);
    });

    it.each([
      ['an id that is a word', 'id', (_id: number) => ({ id: 'seven', deployed: false })],
      ['id 0', 'id', (_id: number) => ({ id: 0, deployed: false })],
      ['a fractional id', 'id', (id: number) => ({ id: id + 0.5, deployed: false })],
      ['an id no service has', 'id', (_id: number) => ({ id: 987_654, deployed: false })],
      ['deployed as a word', 'deployed', (id: number) => ({ id, deployed: 'maybe' })],
      ['deployed as a number', 'deployed', (id: number) => ({ id, deployed: 0 })],
    ])('%s → invalid-param naming %s, and the registry is unchanged', async (_case, param, params) => {
      const before = await registryState();
      const response = await update(admin, params((await serviceRow(TARGET)).id));
      expectFailure(response, 'invalid-param', 400, { params: [param], session: { application: 'planoauth' } });
      await expect(registryState()).resolves.toEqual(before);
    });

    // An id past the integer column: hostile-input.e2e-spec.ts ("routes/update and api_services/update id …").

    it('withdrawing the registry’s own service → invalid-param naming id (lockout), and it stays deployed', async () => {
      const before = await registryState('registry');
      const response = await update(admin, { id: (await serviceRow('registry')).id, deployed: false });
      expectFailure(response, 'invalid-param', 400, { params: ['id'], session: { application: 'planoauth' } });
      expect(response.body.errors).toEqual([expect.objectContaining({ param: 'id', problem: 'registry-lockout' })]);
      await expect(registryState('registry')).resolves.toEqual({ ...before, deployed: true });
    });
  });

  describe('POST applications/create_token', () => {
    const create = (token: string | undefined, params: Record<string, unknown>) => postAs(t, '/api/v1/applications/create_token', token, params);
    const tokenCount = () => repository(ApplicationTokenEntity).count();

    it.each(BAD_SESSION_TOKENS)('token: %s → invalid-token 401, and no token is made', async (kind) => {
      const token = await badSessionToken(kind, { admin: true });
      const before = await tokenCount();
      expectFailure(await create(token, { application: 'capture' }), 'invalid-token', 401);
      await expect(tokenCount()).resolves.toBe(before);
    });

    it('an admin session past the idle limit → session-expired 401, and no token is made', async () => {
      const { token } = await expiredSession({ admin: true });
      const before = await tokenCount();
      expectFailure(await create(token, { application: 'capture' }), 'session-expired', 401);
      await expect(tokenCount()).resolves.toBe(before);
    });

    it('a user with no role → client-required 401 with the session view, and no token is made', async () => {
      const { user, token } = await newCaller(t, {});
      const before = await tokenCount();
      expectFailure(await create(token, { application: 'capture' }), 'client-required', 401, { session: { user_id: user.user.id } });
      await expect(tokenCount()).resolves.toBe(before);
    });

    it.each(NOT_ADMINS)('%s → permission-denied 403 with the session view, and no token is made', async (_who, roles) => {
      const { user, token } = await newCaller(t, roles);
      const before = await tokenCount();
      expectFailure(await create(token, { application: 'capture' }), 'permission-denied', 403, { session: { user_id: user.user.id } });
      await expect(tokenCount()).resolves.toBe(before);
    });

    it('application null → missing-param naming application, and no token is made', async () => {
      const before = await tokenCount();
      expectFailure(await create(admin, { application: null }), 'missing-param', 400, { params: ['application'], session: { application: 'planoauth' } });
      await expect(tokenCount()).resolves.toBe(before);
    });

    it.each([
      ['an application we do not have', 'myspace'],
      ['a slug in another case', 'CAPTURE'],
      ['a number', 4],
      ['a list', ['capture']],
    ])('application as %s → invalid-param naming application, and no token is made', async (_case, application) => {
      const before = await tokenCount();
      const response = await create(admin, { application });
      expectFailure(response, 'invalid-param', 400, { params: ['application'], session: { application: 'planoauth' } });
      await expect(tokenCount()).resolves.toBe(before);
    });
  });

  describe('POST xso/redeem', () => {

    /** A client signed in to PlanOrder with a fresh code for its own client, as capture_client hands out. */
    async function handoff() {
      const { user, token } = await newCaller(t, { client: true }, 'planoorder');
      return { user, sessionToken: token, code: await xsoCode(t, token, { client_id: user.clientId as number }) };
    }

    /** Callers that are not a live `capture` application token. */
    const BAD_CALLERS: ReadonlyArray<readonly [string, (own: { sessionToken: string }) => Promise<string | undefined>]> = [
      ['no token', async () => undefined],
      ['a malformed token', async () => 'not-a-token'],
      ['an unknown token', async () => randomBytes(32).toString('base64url')],
      ['the user’s own session token', async (own) => own.sessionToken],
      ['an admin’s session token', async () => admin],
      ['an application token of planoorder', () => applicationToken(t, admin, 'planoorder')],
      [
        'a revoked capture token',
        async () => {
          const token = await applicationToken(t, admin, 'capture');
          await repository(ApplicationTokenEntity).update({ tokenHash: hashToken(token) }, { revokedAt: t.clock.now() });
          return token;
        },
      ],
    ];

    it.each(BAD_CALLERS)('called with %s → invalid-token 401; the code is not spent and still redeems', async (_caller, callerToken) => {
      const own = await handoff();
      const sessionsBefore = await sessionsOf(own.user);
      expectFailure(await redeemXso(t, await callerToken(own), { code: own.code }), 'invalid-token', 401);
      await expect(sessionsOf(own.user)).resolves.toBe(sessionsBefore);

      const proper = await redeemXso(t, captureToken, { code: own.code });
      expect(proper.body).toMatchObject({ status: 'action-successful', session: { application: 'capture', user_id: own.user.user.id } });
    });

    it.each([
      ['a well-formed code nobody issued', () => randomBytes(32).toString('base64url')],
      ['a malformed code', () => 'abc'],
    ])('%s → invalid-token 401, and no session is opened', async (_case, code) => {
      const sessionsBefore = await repository(SessionEntity).count();
      expectFailure(await redeemXso(t, captureToken, { code: code() }), 'invalid-token', 401);
      await expect(repository(SessionEntity).count()).resolves.toBe(sessionsBefore);
    });

    it('a code already redeemed → invalid-token 401; the user keeps exactly the one capture session', async () => {
      const own = await handoff();
      expect((await redeemXso(t, captureToken, { code: own.code })).body.status).toBe('action-successful');
      const sessionsAfterFirst = await sessionsOf(own.user);
      expectFailure(await redeemXso(t, captureToken, { code: own.code }), 'invalid-token', 401);
      await expect(sessionsOf(own.user)).resolves.toBe(sessionsAfterFirst);
    });

    it('a code past XSO_CODE_TTL_SECONDS (60) → invalid-token 401, where one a second younger than that still redeems', async () => {
      const [young, old] = [await handoff(), await handoff()];
      t.clock.advanceSeconds(59);
      expect((await redeemXso(t, captureToken, { code: young.code })).body.status).toBe('action-successful');
      t.clock.advanceSeconds(2);
      const sessionsBefore = await sessionsOf(old.user);
      expectFailure(await redeemXso(t, captureToken, { code: old.code }), 'invalid-token', 401);
      await expect(sessionsOf(old.user)).resolves.toBe(sessionsBefore);
    });

    it.each([
      ['no code', {}],
      ['code null', { code: null }],
    ])('%s → missing-param naming code, and the code is not spent', async (_case, params) => {
      const own = await handoff();
      const response = await redeemXso(t, captureToken, params);
      expectFailure(response, 'missing-param', 400, { params: ['code'] });
      expect((await redeemXso(t, captureToken, { code: own.code })).body.status).toBe('action-successful');
    });

    it.each([
      ['a number', 42],
      ['a list', ['a-code']],
      ['over 200 characters', 'x'.repeat(201)],
      ['an empty string', ''],
    ])('code as %s → invalid-param naming code', async (_case, code) => {
      const sessionsBefore = await repository(SessionEntity).count();
      expectFailure(await redeemXso(t, captureToken, { code }), 'invalid-param', 400, { params: ['code'] });
      await expect(repository(SessionEntity).count()).resolves.toBe(sessionsBefore);
    });
  });
});
