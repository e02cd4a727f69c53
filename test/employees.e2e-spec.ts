import { EmployeeEntity } from '../src/modules/accounts/entities/employee.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { createRoleCast, newPersonParams, tokenFor, type Caller, type Role, type TestUser } from './support/accounts.js';
import { ADMIN_ONLY, itAnswersTheRoleMatrix, notAccessible } from './support/role-matrix.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, postAs, postSensitive, type TestApp } from './support/test-app.js';

/** employees/create (staff module): admins make employees and admins, with sensitive (base64) params. */

const INDEX = '/api/v1/clients/index';
const EMPLOYEES_CREATE = '/api/v1/employees/create';

describe(`employees (${testEngine()})`, () => {
  let t: TestApp;
  let callers: Record<Role, Caller>;
  /** The client the liaison acts for, and one nobody but staff may use. */
  let linkedClient: TestUser;
  let otherClient: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    ({ callers, linkedClient, otherClient } = await createRoleCast(t));
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the role matrix', () => {
    itAnswersTheRoleMatrix(
      {
        'POST employees/create': { call: (token) => postSensitive(t, EMPLOYEES_CREATE, token, newPersonParams()), expected: ADMIN_ONLY },
      },
      () => callers,
      () => notAccessible('id', otherClient.clientId as number),
    );
  });

  describe('employees/create', () => {
    it('creates a user and its employee record; the new employee signs in and is staff, not admin', async () => {
      const person = newPersonParams({ email: 'New.Employee@Example.com' });
      const response = await postSensitive(t, EMPLOYEES_CREATE, callers.admin.token, person);
      expect(response.status).toBe(200);
      const { employee } = response.body.data;
      expect(employee).toEqual({
        id: expect.any(Number),
        user_id: expect.any(Number),
        admin: false,
        user: {
          id: employee.user_id,
          email: 'new.employee@example.com',
          first_name: 'New',
          last_name: person.last_name,
          phone: null,
          remember_me: false,
          created_at: expect.any(String),
        },
      });
      await expect(t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id: employee.id })).resolves.toMatchObject({
        userId: employee.user_id,
        admin: false,
      });
      const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: employee.user_id });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);

      const token = await tokenFor(t, person);
      expect((await getAs(t, INDEX, token)).body.status).toBe('action-successful');
      expect((await postSensitive(t, EMPLOYEES_CREATE, token, newPersonParams())).body.status).toBe('permission-denied');
    });

    it('creates an admin when asked; the new admin may create employees', async () => {
      const person = newPersonParams();
      const response = await postSensitive(t, EMPLOYEES_CREATE, callers.admin.token, { ...person, admin: true });
      expect(response.body.data.employee.admin).toBe(true);
      await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: response.body.data.employee.user_id }); // the user it names exists
      const token = await tokenFor(t, person);
      expect((await postSensitive(t, EMPLOYEES_CREATE, token, newPersonParams())).body.status).toBe('action-successful');
    });

    it('refuses an email that already has a user, whatever its case, leaving no employee behind', async () => {
      const employeesBefore = await t.dataSource.getRepository(EmployeeEntity).count();
      const response = await postSensitive(t, EMPLOYEES_CREATE, callers.admin.token, newPersonParams({ email: otherClient.email.toUpperCase() }));
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('email-already-registered');
      await expect(t.dataSource.getRepository(UserEntity).countBy({ email: otherClient.email })).resolves.toBe(1);
      await expect(t.dataSource.getRepository(EmployeeEntity).count()).resolves.toBe(employeesBefore);
    });

    it('names missing and invalid params', async () => {
      const missing = await postSensitive(t, EMPLOYEES_CREATE, callers.admin.token, { email: 'someone@example.com' });
      expect(missing.body.status).toBe('missing-param');
      expect(missing.body.errors.map((error: { param: string }) => error.param).sort()).toEqual(['first_name', 'last_name', 'password']);
      const invalid = await postSensitive(t, EMPLOYEES_CREATE, callers.admin.token, newPersonParams({ password: 'Qz7#tny', admin: 'yes' }));
      expect(invalid.body.status).toBe('invalid-param');
      expect(invalid.body.errors.map((error: { param: string }) => error.param).sort()).toEqual(['admin', 'password']);
    });

    it('takes its params base64-encoded only', async () => {
      const response = await postAs(t, EMPLOYEES_CREATE, callers.admin.token, newPersonParams());
      expect(response.body.status).toBe('invalid-encoded-params');
    });
  });
});
