import { ClientEntity } from '../src/modules/accounts/entities/client.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { createRoleCast, createUser, signIn, tokenFor, type Caller, type Role, type TestUser } from './support/accounts.js';
import { itAnswersTheRoleMatrix, notAccessible, STAFF_ONLY } from './support/role-matrix.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, postAs, postSensitive, type TestApp } from './support/test-app.js';

/**
 * clients/create (issue 14, point 4; PlanoCore's Clients Create page): staff make a client for an
 * email. New email → user and client; a user without a client (a liaison) → a client for that user,
 * `client-created-for-existing-email` (200); an email that has a client → `email-already-client`.
 */

const CREATE = '/api/v1/clients/create';
let sequence = 0;
const newEmail = () => `created${++sequence}.${Date.now()}@example.com`;

describe(`clients/create (${testEngine()})`, () => {
  let t: TestApp;
  let callers: Record<Role, Caller>;
  let otherClient: TestUser;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ callers, otherClient } = await createRoleCast(t));
    staff = callers.employee.token;
  });

  afterAll(async () => {
    await t.close();
  });

  const create = (params: Record<string, unknown>, token = staff) => postSensitive(t, CREATE, token, params);
  const person = (overrides: Record<string, unknown> = {}) => ({ email: newEmail(), first_name: 'Cleo', last_name: 'Created', ...overrides });
  const clientsOf = async (email: string) => {
    const user = await t.dataSource.getRepository(UserEntity).findOneBy({ email: email.toLowerCase() });
    return user ? t.dataSource.getRepository(ClientEntity).findBy({ userId: user.id }) : [];
  };

  describe('the role matrix', () => {
    itAnswersTheRoleMatrix(
      { 'POST clients/create': { call: (token) => create(person(), token), expected: STAFF_ONLY } },
      () => callers,
      () => notAccessible('id', otherClient.clientId as number),
    );
  });

  it('a new email: user and client, action-successful; the client signs in with the password staff set', async () => {
    const params = person({ password: 'a-staff-chosen-password', phone: '+1 555 0177', company_id: 77, company_name: 'Created Homes' });
    const response = await create({ ...params, email: params.email.toUpperCase() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'action-successful',
      data: {
        client: {
          email: params.email,
          first_name: 'Cleo',
          last_name: 'Created',
          phone: '+1 555 0177',
          company_id: 77,
          company_name: 'Created Homes',
          active: true,
        },
      },
    });
    const token = await tokenFor(t, { email: params.email, password: 'a-staff-chosen-password' }, 'planoorder');
    expect((await getAs(t, '/api/v1/sessions/read', token)).body.data.roles).toMatchObject({ client_id: response.body.data.client.id });
    expect(JSON.stringify(response.body)).not.toContain('a-staff-chosen-password');
    expect(t.logs.text()).not.toContain('a-staff-chosen-password');
  });

  it('without a password: the user has none, and sessions/create answers user-has-no-password', async () => {
    const params = person();
    expect((await create(params)).body.status).toBe('action-successful');
    await expect(t.dataSource.getRepository(UserEntity).findOneByOrFail({ email: params.email })).resolves.toMatchObject({ passwordHash: null });
    const signedIn = await signIn(t, { email: params.email, password: 'any-password-at-all', application: 'planoorder' });
    expect({ status: signedIn.body.status, http: signedIn.status }).toEqual({ status: 'user-has-no-password', http: 400 });
  });

  it('an email whose user has no client (a liaison): client-created-for-existing-email 200, its password untouched, both roles', async () => {
    const liaison = await createUser(t, { liaisonFor: [otherClient.clientId as number] });
    const hashBefore = (await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: liaison.user.id })).passwordHash;
    const response = await create({ email: liaison.email, password: 'staff-tries-to-set-this', first_name: 'Lia', last_name: 'Both' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'client-created-for-existing-email',
      data: { client: { user_id: liaison.user.id, email: liaison.email, first_name: 'Lia', last_name: 'Both' } },
    });
    expect((await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: liaison.user.id })).passwordHash).toBe(hashBefore);
    const token = await tokenFor(t, liaison, 'planoorder');
    expect((await getAs(t, '/api/v1/sessions/read', token)).body.data.roles).toMatchObject({
      client_id: response.body.data.client.id,
      liaison_id: expect.any(Number),
    });
  });

  it('an email that already has a client → email-already-client 400, and nothing is created', async () => {
    const client = await createUser(t, { client: true });
    const before = await t.dataSource.getRepository(ClientEntity).count();
    const response = await create({ email: client.email.toUpperCase(), first_name: 'Again', last_name: 'Client' });
    expect({ status: response.body.status, http: response.status, data: response.body.data }).toEqual({ status: 'email-already-client', http: 400, data: null });
    await expect(t.dataSource.getRepository(ClientEntity).count()).resolves.toBe(before);
  });

  it('ten concurrent creates of one new email: one client, one success, nine email-already-client', async () => {
    const params = person();
    const answers = await Promise.all(Array.from({ length: 10 }, () => create(params)));
    const statuses = answers.map((answer) => answer.body.status).sort();
    expect(statuses).toEqual(['action-successful', ...Array(9).fill('email-already-client')]);
    expect(await clientsOf(params.email)).toHaveLength(1);
    expect(answers.map((answer) => answer.body.status)).not.toContain('application-crash');
  });

  it.each([
    ['no email', { first_name: 'A', last_name: 'B' }, 'missing-param', 'email'],
    ['no first_name', { email: 'x@example.com', last_name: 'B' }, 'missing-param', 'first_name'],
    ['an email that is not one', { email: 'not-an-email', first_name: 'A', last_name: 'B' }, 'invalid-param', 'email'],
    ['a password under 8 characters', { email: 'short@example.com', password: 'short', first_name: 'A', last_name: 'B' }, 'invalid-param', 'password'],
    ['company_id past the integer column', { email: 'big@example.com', first_name: 'A', last_name: 'B', company_id: 2_147_483_648 }, 'invalid-param', 'company_id'],
  ])('%s → %s naming %s', async (_case, params, status, param) => {
    const response = await create(params);
    expect(response.body).toMatchObject({ status, errors: [expect.objectContaining({ param })], data: null });
  });

  it('sensitive params: plain JSON → invalid-encoded-params, and nothing is created', async () => {
    const params = person({ password: 'a-staff-chosen-password' });
    const response = await postAs(t, CREATE, staff, params);
    expect(response.body.status).toBe('invalid-encoded-params');
    expect(await clientsOf(params.email)).toHaveLength(0);
  });
});
