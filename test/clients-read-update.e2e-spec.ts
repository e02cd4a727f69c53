import type { Response } from 'supertest';
import { ClientEntity } from '../src/modules/accounts/entities/client.entity.js';
import { createRoleCast, createUser, signInAs, type Caller, type Role, type TestUser } from './support/accounts.js';
import { itAnswersTheRoleMatrix, notAccessible, STAFF_ONLY_CLIENT } from './support/role-matrix.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, putAs, type TestApp } from './support/test-app.js';

/** clients/read and clients/update (src/modules/clients): staff use any client, a client itself, a liaison its linked ones. */

const READ = '/api/v1/clients/read';
const UPDATE = '/api/v1/clients/update';

describe(`clients/read and clients/update (${testEngine()})`, () => {
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

  const clientRow = (id: number) => t.dataSource.getRepository(ClientEntity).findOneByOrFail({ id });

  describe('the role matrix', () => {
    itAnswersTheRoleMatrix(
      {
        // Another client's id: only staff may use it; everyone else hears what a nonexistent id gets.
        'GET clients/read': { call: (token) => getAs(t, READ, token, { id: otherClient.clientId as number }), expected: STAFF_ONLY_CLIENT },
        'PUT clients/update': { call: (token) => putAs(t, UPDATE, token, { id: otherClient.clientId, phone: '555-0101' }), expected: STAFF_ONLY_CLIENT },
      },
      () => callers,
      () => notAccessible('id', otherClient.clientId as number),
    );
  });

  describe('clients/read', () => {
    const read = (caller: Caller, id: number | string) => getAs(t, READ, caller.token, { id });

    it('lets staff read any client, with the client view', async () => {
      for (const role of ['admin', 'employee'] as const) {
        const response = await read(callers[role], otherClient.clientId as number);
        expect(response.body.data.client).toMatchObject({ id: otherClient.clientId, user_id: otherClient.user.id, email: otherClient.email });
        expect(response.body.data.client).not.toHaveProperty('password_hash');
      }
    });

    it('lets a client read itself only', async () => {
      const own = callers.client.user.clientId as number;
      expect((await read(callers.client, own)).body).toMatchObject({ status: 'action-successful', data: { client: { id: own } } });
      expect((await read(callers.client, linkedClient.clientId as number)).body.status).toBe('invalid-param');
    });

    it('lets a liaison read its linked clients only', async () => {
      const linked = await read(callers.liaison, linkedClient.clientId as number);
      expect(linked.body).toMatchObject({ status: 'action-successful', data: { client: { id: linkedClient.clientId } } });
      const unlinked = await read(callers.liaison, otherClient.clientId as number);
      expect(unlinked.status).toBe(400);
      expect(unlinked.body.status).toBe('invalid-param');
    });

    it('answers a forbidden id exactly as a nonexistent one (no enumeration)', async () => {
      const forbidden = otherClient.clientId as number;
      const nonexistent = 987654;
      for (const caller of [callers.client, callers.liaison]) {
        const [a, b] = [await read(caller, forbidden), await read(caller, nonexistent)];
        const shape = (response: Response, id: number) => ({
          http: response.status,
          status: response.body.status,
          message: (response.body.message as string).replace(String(id), 'N'),
          errors: response.body.errors,
          data: response.body.data,
        });
        expect(shape(a, forbidden)).toEqual(shape(b, nonexistent));
        expect(shape(a, forbidden)).toEqual({
          http: 400,
          status: 'invalid-param',
          message: 'id N does not exist or is not accessible',
          errors: [{ param: 'id', problem: 'not-found' }],
          data: null,
        });
      }
      // Staff get the same answer for an id that does not exist.
      const staff = await read(callers.employee, nonexistent);
      expect(staff.body).toMatchObject({ status: 'invalid-param', message: `id ${nonexistent} does not exist or is not accessible` });
    });

    it.each([
      [undefined, 'missing-param'],
      ['', 'missing-param'],
      ['abc', 'invalid-param'],
      ['0', 'invalid-param'],
      ['1.5', 'invalid-param'],
      ['99999999999', 'invalid-param'],
    ])('id=%s → %s', async (id, slug) => {
      const response = await getAs(t, READ, callers.admin.token, id === undefined ? {} : { id });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: slug, errors: [{ param: 'id' }] });
    });
  });

  describe('clients/update', () => {
    let target: TestUser;

    beforeEach(async () => {
      target = await createUser(t, { client: true });
    });

    it('lets staff change the given fields, stamping updated_at from the clock', async () => {
      const before = await clientRow(target.clientId as number);
      t.clock.advanceSeconds(3600);
      const response = await putAs(t, UPDATE, callers.employee.token, {
        id: target.clientId,
        first_name: 'Renamed',
        phone: '555-0123',
        active: false,
        company_id: 4242,
        company_name: 'Renamed Realty',
        enterprise: 'Big Enterprise',
      });
      expect(response.status).toBe(200);
      expect(response.body.data.client).toMatchObject({
        id: target.clientId,
        email: target.email,
        first_name: 'Renamed',
        last_name: before.lastName,
        phone: '555-0123',
        active: false,
        company_id: 4242,
        company_name: 'Renamed Realty',
        enterprise: 'Big Enterprise',
        created_at: before.createdAt.toISOString(),
        updated_at: t.clock.now().toISOString(),
      });
      await expect(clientRow(target.clientId as number)).resolves.toMatchObject({
        firstName: 'Renamed',
        lastName: before.lastName,
        phone: '555-0123',
        active: false,
        companyId: 4242,
        companyName: 'Renamed Realty',
        enterprise: 'Big Enterprise',
        createdAt: before.createdAt,
        updatedAt: t.clock.now(),
      });
    });

    it('clears an optional text field given as an empty string, and leaves the others alone', async () => {
      await putAs(t, UPDATE, callers.admin.token, { id: target.clientId, phone: '555-0000', company_name: 'Keep Me' });
      const response = await putAs(t, UPDATE, callers.admin.token, { id: target.clientId, phone: '' });
      expect(response.body.data.client).toMatchObject({ phone: null, company_name: 'Keep Me' });
      await expect(clientRow(target.clientId as number)).resolves.toMatchObject({ phone: null, companyName: 'Keep Me' });
    });

    it('treats null as a field left out (CONTRACT.md §12): nothing changes, nothing is refused', async () => {
      await putAs(t, UPDATE, callers.admin.token, { id: target.clientId, first_name: 'Kept', phone: '555-0101' });
      const before = await clientRow(target.clientId as number);
      t.clock.advanceSeconds(60);
      const response = await putAs(t, UPDATE, callers.admin.token, { id: target.clientId, first_name: null, active: null, phone: null, company_id: null });
      expect(response.body.status).toBe('action-successful');
      await expect(clientRow(target.clientId as number)).resolves.toEqual(before);
    });

    it('changes nothing, not even updated_at, when no field is given', async () => {
      const before = await clientRow(target.clientId as number);
      t.clock.advanceSeconds(60);
      const response = await putAs(t, UPDATE, callers.admin.token, { id: target.clientId });
      expect(response.body.data.client.updated_at).toBe(before.updatedAt.toISOString());
      await expect(clientRow(target.clientId as number)).resolves.toEqual(before);
    });

    it('lets a client change itself, but not its active flag', async () => {
      const self = await signInAs(t, target);
      const response = await putAs(t, UPDATE, self.token, { id: target.clientId, last_name: 'Selfmade', company_name: 'Own Co' });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { client: { last_name: 'Selfmade', company_name: 'Own Co' } } });

      const activating = await putAs(t, UPDATE, self.token, { id: target.clientId, active: false, first_name: 'Sneaky' });
      expect(activating.status).toBe(403);
      expect(activating.body).toMatchObject({ status: 'permission-denied', data: null });
      await expect(clientRow(target.clientId as number)).resolves.toMatchObject({ active: true, lastName: 'Selfmade', firstName: 'Test' });
    });

    it('refuses a client changing another client, and a liaison changing even a linked client, as invalid-param', async () => {
      const before = await clientRow(linkedClient.clientId as number);
      for (const caller of [callers.client, callers.liaison]) {
        const response = await putAs(t, UPDATE, caller.token, { id: linkedClient.clientId, first_name: 'Hijacked' });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          status: 'invalid-param',
          message: `id ${linkedClient.clientId} does not exist or is not accessible`,
          errors: [{ param: 'id', problem: 'not-found' }],
        });
      }
      await expect(clientRow(linkedClient.clientId as number)).resolves.toEqual(before);
    });

    it('answers an unknown id as invalid-param for staff too', async () => {
      const response = await putAs(t, UPDATE, callers.admin.token, { id: 987654, first_name: 'Ghost' });
      expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'not-found' }] });
    });

    it.each([
      [{ first_name: 'No Id' }, 'missing-param', 'id'],
      [{ id: 'seven' }, 'invalid-param', 'id'],
      [{ first_name: '' }, 'invalid-param', 'first_name'],
      [{ first_name: 'x'.repeat(101) }, 'invalid-param', 'first_name'],
      [{ company_id: 'acme' }, 'invalid-param', 'company_id'],
      [{ company_id: 99999999999 }, 'invalid-param', 'company_id'],
      [{ active: 'no' }, 'invalid-param', 'active'],
    ] as const)('%j → %s naming %s', async (params, slug, param) => {
      // Cases about id bring their own; the others update the target.
      const body = param === 'id' ? params : { id: target.clientId, ...params };
      const response = await putAs(t, UPDATE, callers.admin.token, body);
      expect(response.status).toBe(400);
      expect(response.body.status).toBe(slug);
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual([param]);
    });
  });
});
