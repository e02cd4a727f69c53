import type { Response } from 'supertest';
import { AccountsService } from '../src/modules/accounts/accounts.service.js';
import { ClientEntity } from '../src/modules/accounts/entities/client.entity.js';
import { EmployeeEntity } from '../src/modules/accounts/entities/employee.entity.js';
import { LiaisonEntity } from '../src/modules/accounts/entities/liaison.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { createUser, tokenFor, type TestUser } from './support/accounts.js';
import { createTestApp, encodeParams, type TestApp } from './support/test-app.js';

type Role = 'admin' | 'employee' | 'liaison' | 'client' | 'roleless';
type Caller = { readonly user: TestUser; readonly token: string };

const INDEX = '/api/v1/clients/index';
const READ = '/api/v1/clients/read';
const UPDATE = '/api/v1/clients/update';
const EMPLOYEES_CREATE = '/api/v1/employees/create';
const LIAISONS_CREATE = '/api/v1/liaisons/create';
const LIAISONS_UPDATE = '/api/v1/liaisons/update';

describe('staff routes: clients, employees, liaisons', () => {
  let t: TestApp;
  /** Every response body of this file, and every password it sent: none may ever come back. */
  const bodies: string[] = [];
  const passwords: string[] = [];
  let emailSequence = 0;

  const remember = (response: Response): Response => {
    bodies.push(response.text);
    return response;
  };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = async (path: string, token: string, query: Record<string, unknown> | string = {}) =>
    remember(await t.http.get(path).set(auth(token)).query(query));
  const put = async (path: string, token: string, body: Record<string, unknown>) => remember(await t.http.put(path).set(auth(token)).send(body));
  const postSensitive = async (path: string, token: string, params: Record<string, unknown>) => {
    if (typeof params.password === 'string') passwords.push(params.password);
    return remember(await t.http.post(path).set(auth(token)).set('Content-Type', 'text/plain').send(encodeParams(params)));
  };
  const newPerson = (overrides: Record<string, unknown> = {}) => {
    emailSequence += 1;
    return { email: `staff-made-${emailSequence}@example.com`, password: `secret-pass-${emailSequence}-xyz`, first_name: 'New', last_name: `Person${emailSequence}`, ...overrides };
  };
  const linkedClientIds = async (liaisonId: number): Promise<number[]> => {
    const rows = await t.dataSource
      .createQueryBuilder()
      .select('lc.client_id', 'client_id')
      .from('liaison_clients', 'lc')
      .where('lc.liaison_id = :liaisonId', { liaisonId })
      .orderBy('lc.client_id', 'ASC')
      .getRawMany<{ client_id: number | string }>();
    return rows.map((row) => Number(row.client_id));
  };
  const liaisonIdOf = async (user: TestUser) => (await t.dataSource.getRepository(LiaisonEntity).findOneByOrFail({ userId: user.user.id })).id;
  const clientRow = (id: number) => t.dataSource.getRepository(ClientEntity).findOneByOrFail({ id });
  const signInAs = async (user: TestUser): Promise<Caller> => {
    passwords.push(user.password);
    return { user, token: await tokenFor(t, user) };
  };

  let callers: Record<Role, Caller>;
  /** The client the liaison acts for, and one nobody but staff may use. */
  let linkedClient: TestUser;
  let otherClient: TestUser;
  let liaisonId: number;

  beforeAll(async () => {
    t = await createTestApp();
    linkedClient = await createUser(t, { client: true });
    otherClient = await createUser(t, { client: true });
    const client = await createUser(t, { client: true });
    const liaison = await createUser(t, { liaisonFor: [linkedClient.clientId as number] });
    callers = {
      admin: await signInAs(await createUser(t, { admin: true })),
      employee: await signInAs(await createUser(t, { employee: true })),
      liaison: await signInAs(liaison),
      client: await signInAs(client),
      roleless: await signInAs(await createUser(t)),
    };
    liaisonId = await liaisonIdOf(liaison);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the role matrix', () => {
    type Expected = readonly [slug: string, http: number];
    const OK: Expected = ['action-successful', 200];
    const DENIED: Expected = ['permission-denied', 403];
    const NOT_ACCESSIBLE: Expected = ['invalid-param', 400];
    const ROLELESS: Expected = ['client-required', 401];

    const routes: Record<string, { call: (token: string) => Promise<Response>; expected: Record<Role, Expected> }> = {
      'POST employees/create': {
        call: (token) => postSensitive(EMPLOYEES_CREATE, token, newPerson()),
        expected: { admin: OK, employee: DENIED, liaison: DENIED, client: DENIED, roleless: ROLELESS },
      },
      'POST liaisons/create': {
        call: (token) => postSensitive(LIAISONS_CREATE, token, { ...newPerson(), client_ids: [otherClient.clientId] }),
        expected: { admin: OK, employee: OK, liaison: DENIED, client: DENIED, roleless: ROLELESS },
      },
      'PUT liaisons/update': {
        call: (token) => put(LIAISONS_UPDATE, token, { id: liaisonId, client_ids: [linkedClient.clientId] }),
        expected: { admin: OK, employee: OK, liaison: DENIED, client: DENIED, roleless: ROLELESS },
      },
      'GET clients/index': {
        call: (token) => get(INDEX, token),
        expected: { admin: OK, employee: OK, liaison: DENIED, client: DENIED, roleless: ROLELESS },
      },
      // Another client's id: only staff may use it; everyone else hears what a nonexistent id gets.
      'GET clients/read': {
        call: (token) => get(READ, token, { id: otherClient.clientId as number }),
        expected: { admin: OK, employee: OK, liaison: NOT_ACCESSIBLE, client: NOT_ACCESSIBLE, roleless: ROLELESS },
      },
      'PUT clients/update': {
        call: (token) => put(UPDATE, token, { id: otherClient.clientId, phone: '555-0101' }),
        expected: { admin: OK, employee: OK, liaison: NOT_ACCESSIBLE, client: NOT_ACCESSIBLE, roleless: ROLELESS },
      },
    };
    const cases = Object.entries(routes).flatMap(([route, { expected }]) =>
      (Object.keys(expected) as Role[]).map((role) => [route, role, ...expected[role]] as const),
    );

    it.each(cases)('%s by %s → %s %d', async (route, role, slug, http) => {
      const caller = callers[role];
      const response = await routes[route].call(caller.token);
      expect({ status: response.body.status, http: response.status }).toEqual({ status: slug, http });
      // The caller's session rides along on every answer after the token check, client-required included.
      expect(response.body.session).toMatchObject({ user_id: caller.user.user.id });
      if (slug === 'invalid-param') {
        expect(response.body).toMatchObject({
          message: `id ${otherClient.clientId} does not exist or is not accessible`,
          errors: [{ param: 'id', problem: 'not-found' }],
          data: null,
        });
      }
      if (slug !== 'action-successful') expect(response.body.data).toBeNull();
    });

    it('answers invalid-token without a token on every route', async () => {
      for (const [method, path] of [
        ['get', INDEX],
        ['get', READ],
        ['put', UPDATE],
        ['put', LIAISONS_UPDATE],
      ] as const) {
        const response = remember(await t.http[method](path).query({ id: 1 }));
        expect({ path, status: response.body.status, http: response.status }).toEqual({ path, status: 'invalid-token', http: 401 });
      }
      for (const path of [EMPLOYEES_CREATE, LIAISONS_CREATE]) {
        const response = remember(await t.http.post(path).set('Content-Type', 'text/plain').send(encodeParams(newPerson())));
        expect({ path, status: response.body.status }).toEqual({ path, status: 'invalid-token' });
      }
    });
  });

  describe('clients/index', () => {
    let idx: TestApp;
    let staffToken: string;
    let ids: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', number>;

    const list = async (query: Record<string, unknown> | string) => remember(await idx.http.get(INDEX).set(auth(staffToken)).query(query));
    const idsOf = (response: Response) => (response.body.data.results as Array<{ id: number }>).map((client) => client.id);

    beforeAll(async () => {
      // A database of its own, so the clients listed are exactly these five.
      idx = await createTestApp();
      const staff = await createUser(idx, { employee: true });
      staffToken = await tokenFor(idx, staff);
      const accounts = idx.app.get(AccountsService);
      const add = async (email: string, first: string, last: string, companyName: string | null, phone: string | null) => {
        idx.clock.advanceSeconds(60);
        const user = await accounts.createUser({ email, passwordHash: null, firstName: first, lastName: last, phone });
        return (await accounts.createClient(user.id, { firstName: first, lastName: last, phone, companyName })).id;
      };
      ids = {
        alice: await add('alice@acme.test', 'Alice', 'Zephyr', 'Acme Realty', '555-0100'),
        bob: await add('bob@bayview.test', 'bob', 'young', 'Bayview Homes', null),
        carol: await add('carol@example.com', 'Carol', 'Xu', null, '555-0199'),
        dave: await add('dave@deals.test', 'Dave', 'Percent', '50% Off_Deals', null),
        erin: await add('erin@example.org', 'Erin', 'Walker', 'acme holdings', null),
      };
    });

    afterAll(async () => {
      await idx.close();
    });

    it('lists every client by id with the client view, and no count unless asked', async () => {
      const response = await list({});
      expect(response.status).toBe(200);
      expect(idsOf(response)).toEqual([ids.alice, ids.bob, ids.carol, ids.dave, ids.erin]);
      expect(response.body.data).not.toHaveProperty('count');
      expect(response.body.data.results[0]).toEqual({
        id: ids.alice,
        user_id: expect.any(Number),
        email: 'alice@acme.test',
        first_name: 'Alice',
        last_name: 'Zephyr',
        phone: '555-0100',
        company_id: null,
        company_name: 'Acme Realty',
        enterprise: null,
        active: true,
        created_at: '2026-01-15T09:01:00.000Z',
        updated_at: '2026-01-15T09:01:00.000Z',
      });
    });

    it.each([
      ['true', 5],
      ['1', 5],
    ])('count=%s adds the total', async (count, total) => {
      const response = await list({ count });
      expect(response.body.data.count).toBe(total);
    });

    it.each(['false', '0'])('count=%s leaves it out', async (count) => {
      expect((await list({ count })).body.data).not.toHaveProperty('count');
    });

    it('searches case-insensitively in all attributes by default', async () => {
      // "ACME": Alice's company and email, Erin's company.
      expect(idsOf(await list({ search: { term: 'ACME' } }))).toEqual([ids.alice, ids.erin]);
      expect(idsOf(await list({ search: { term: '0199' } }))).toEqual([ids.carol]); // phone
      expect(idsOf(await list({ search: { term: 'YOUNG' } }))).toEqual([ids.bob]); // last name
    });

    it('searches only the attributes named', async () => {
      expect(idsOf(await list({ search: { term: 'acme', attributes: 'email' } }))).toEqual([ids.alice]);
      expect(idsOf(await list({ search: { term: 'acme', attributes: 'first_name,last_name' } }))).toEqual([]);
      expect(idsOf(await list({ search: { term: 'example', attributes: 'company_name,email' } }))).toEqual([ids.carol, ids.erin]);
      // The same param repeated is a list too.
      expect(idsOf(await list('search[term]=er&search[attributes]=first_name&search[attributes]=last_name'))).toEqual([ids.dave, ids.erin]);
    });

    it('treats % and _ in the term as plain characters', async () => {
      expect(idsOf(await list({ search: { term: '%' } }))).toEqual([ids.dave]);
      expect(idsOf(await list({ search: { term: '_' } }))).toEqual([ids.dave]);
      expect(idsOf(await list({ search: { term: '0% off_' } }))).toEqual([ids.dave]);
    });

    it('pages, with the count of all matches', async () => {
      const second = await list({ count: 'true', page: { size: '2', number: '2' } });
      expect(idsOf(second)).toEqual([ids.carol, ids.dave]);
      expect(second.body.data.count).toBe(5);
      expect(idsOf(await list({ page: { size: '2', number: '3' } }))).toEqual([ids.erin]);
      expect(idsOf(await list({ page: { size: '2', number: '4' } }))).toEqual([]);
      const searched = await list({ count: '1', search: { term: 'acme' }, page: { size: '1' } });
      expect(idsOf(searched)).toEqual([ids.alice]);
      expect(searched.body.data.count).toBe(2);
    });

    it('sorts by the attribute asked, case-insensitively, nulls last', async () => {
      const { alice, bob, carol, dave, erin } = ids;
      expect(idsOf(await list({ sort: { attribute: 'last_name', order: 'desc' } }))).toEqual([alice, bob, carol, erin, dave]);
      expect(idsOf(await list({ sort: { attribute: 'first_name' } }))).toEqual([alice, bob, carol, dave, erin]);
      expect(idsOf(await list({ sort: { attribute: 'company_name', order: 'asc' } }))).toEqual([dave, erin, alice, bob, carol]);
      expect(idsOf(await list({ sort: { attribute: 'company_name', order: 'desc' } }))).toEqual([bob, alice, erin, dave, carol]);
      expect(idsOf(await list({ sort: { attribute: 'created_at', order: 'desc' } }))).toEqual([erin, dave, carol, bob, alice]);
      expect(idsOf(await list({ sort: { order: 'desc' }, page: { size: '2' } }))).toEqual([erin, dave]);
    });

    it('treats empty nested values as not passed', async () => {
      expect(idsOf(await list('page[size]=&search[term]=&sort[attribute]='))).toHaveLength(5);
    });

    it.each([
      ['page[size]=0', 'page.size'],
      ['page[size]=101', 'page.size'],
      ['page[size]=ten', 'page.size'],
      ['page[size]=2.5', 'page.size'],
      ['page[number]=0', 'page.number'],
      ['page[number]=-1', 'page.number'],
      ['page[number]=99999999999', 'page.number'],
      ['page=3', 'page'],
      ['sort[attribute]=password_hash', 'sort.attribute'],
      ['sort[order]=up', 'sort.order'],
      ['count=yes', 'count'],
      ['search[attributes]=first_name,password_hash', 'search.attributes'],
      ['search[attributes]=,', 'search.attributes'],
    ])('%s → invalid-param naming %s', async (query, param) => {
      const response = await list(query);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 'invalid-param', data: null });
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual([param]);
    });
  });

  describe('clients/read', () => {
    const read = (caller: Caller, id: number | string) => get(READ, caller.token, { id });

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
      const response = await get(READ, callers.admin.token, id === undefined ? {} : { id });
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
      const response = await put(UPDATE, callers.employee.token, {
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
      await put(UPDATE, callers.admin.token, { id: target.clientId, phone: '555-0000', company_name: 'Keep Me' });
      const response = await put(UPDATE, callers.admin.token, { id: target.clientId, phone: '' });
      expect(response.body.data.client).toMatchObject({ phone: null, company_name: 'Keep Me' });
      await expect(clientRow(target.clientId as number)).resolves.toMatchObject({ phone: null, companyName: 'Keep Me' });
    });

    it('treats null as a field left out (CONTRACT.md §12): nothing changes, nothing is refused', async () => {
      await put(UPDATE, callers.admin.token, { id: target.clientId, first_name: 'Kept', phone: '555-0101' });
      const before = await clientRow(target.clientId as number);
      t.clock.advanceSeconds(60);
      const response = await put(UPDATE, callers.admin.token, { id: target.clientId, first_name: null, active: null, phone: null, company_id: null });
      expect(response.body.status).toBe('action-successful');
      await expect(clientRow(target.clientId as number)).resolves.toEqual(before);
    });

    it('changes nothing, not even updated_at, when no field is given', async () => {
      const before = await clientRow(target.clientId as number);
      t.clock.advanceSeconds(60);
      const response = await put(UPDATE, callers.admin.token, { id: target.clientId });
      expect(response.body.data.client.updated_at).toBe(before.updatedAt.toISOString());
      await expect(clientRow(target.clientId as number)).resolves.toEqual(before);
    });

    it('lets a client change itself, but not its active flag', async () => {
      const self = await signInAs(target);
      const response = await put(UPDATE, self.token, { id: target.clientId, last_name: 'Selfmade', company_name: 'Own Co' });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { client: { last_name: 'Selfmade', company_name: 'Own Co' } } });

      const activating = await put(UPDATE, self.token, { id: target.clientId, active: false, first_name: 'Sneaky' });
      expect(activating.status).toBe(403);
      expect(activating.body).toMatchObject({ status: 'permission-denied', data: null });
      await expect(clientRow(target.clientId as number)).resolves.toMatchObject({ active: true, lastName: 'Selfmade', firstName: 'Test' });
    });

    it('refuses a client changing another client, and a liaison changing even a linked client, as invalid-param', async () => {
      const before = await clientRow(linkedClient.clientId as number);
      for (const caller of [callers.client, callers.liaison]) {
        const response = await put(UPDATE, caller.token, { id: linkedClient.clientId, first_name: 'Hijacked' });
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
      const response = await put(UPDATE, callers.admin.token, { id: 987654, first_name: 'Ghost' });
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
      const response = await put(UPDATE, callers.admin.token, body);
      expect(response.status).toBe(400);
      expect(response.body.status).toBe(slug);
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual([param]);
    });
  });

  describe('employees/create', () => {
    it('creates a user and its employee record; the new employee signs in and is staff, not admin', async () => {
      const person = newPerson({ email: 'New.Employee@Example.com' });
      const response = await postSensitive(EMPLOYEES_CREATE, callers.admin.token, person);
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

      const token = await tokenFor(t, { user, email: person.email, password: person.password, clientId: null });
      expect((await get(INDEX, token)).body.status).toBe('action-successful');
      expect((await postSensitive(EMPLOYEES_CREATE, token, newPerson())).body.status).toBe('permission-denied');
    });

    it('creates an admin when asked; the new admin may create employees', async () => {
      const person = newPerson();
      const response = await postSensitive(EMPLOYEES_CREATE, callers.admin.token, { ...person, admin: true });
      expect(response.body.data.employee.admin).toBe(true);
      const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: response.body.data.employee.user_id });
      const token = await tokenFor(t, { user, email: person.email, password: person.password, clientId: null });
      expect((await postSensitive(EMPLOYEES_CREATE, token, newPerson())).body.status).toBe('action-successful');
    });

    it('refuses an email that already has a user, whatever its case, leaving no employee behind', async () => {
      const employeesBefore = await t.dataSource.getRepository(EmployeeEntity).count();
      const response = await postSensitive(EMPLOYEES_CREATE, callers.admin.token, newPerson({ email: otherClient.email.toUpperCase() }));
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('email-already-registered');
      await expect(t.dataSource.getRepository(UserEntity).countBy({ email: otherClient.email })).resolves.toBe(1);
      await expect(t.dataSource.getRepository(EmployeeEntity).count()).resolves.toBe(employeesBefore);
    });

    it('names missing and invalid params', async () => {
      const missing = await postSensitive(EMPLOYEES_CREATE, callers.admin.token, { email: 'someone@example.com' });
      expect(missing.body.status).toBe('missing-param');
      expect(missing.body.errors.map((error: { param: string }) => error.param).sort()).toEqual(['first_name', 'last_name', 'password']);
      const invalid = await postSensitive(EMPLOYEES_CREATE, callers.admin.token, newPerson({ password: 'Qz7#tny', admin: 'yes' }));
      expect(invalid.body.status).toBe('invalid-param');
      expect(invalid.body.errors.map((error: { param: string }) => error.param).sort()).toEqual(['admin', 'password']);
    });

    it('takes its params base64-encoded only', async () => {
      const response = remember(await t.http.post(EMPLOYEES_CREATE).set(auth(callers.admin.token)).send(newPerson()));
      expect(response.body.status).toBe('invalid-encoded-params');
    });
  });

  describe('liaisons/create', () => {
    it('creates a user, its liaison record and its client links; the new liaison reads its linked clients only', async () => {
      const person = newPerson();
      const wanted = [otherClient.clientId as number, linkedClient.clientId as number, otherClient.clientId as number];
      const response = await postSensitive(LIAISONS_CREATE, callers.employee.token, { ...person, client_ids: wanted });
      expect(response.status).toBe(200);
      const { liaison } = response.body.data;
      const sortedIds = [linkedClient.clientId as number, otherClient.clientId as number].sort((a, b) => a - b);
      expect(liaison).toEqual({
        id: expect.any(Number),
        user_id: expect.any(Number),
        client_ids: sortedIds,
        user: expect.objectContaining({ id: liaison.user_id, email: person.email, last_name: person.last_name }),
      });
      await expect(linkedClientIds(liaison.id)).resolves.toEqual(sortedIds);

      const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: liaison.user_id });
      const token = await tokenFor(t, { user, email: person.email, password: person.password, clientId: null });
      expect((await get(READ, token, { id: otherClient.clientId as number })).body.status).toBe('action-successful');
      expect((await get(READ, token, { id: callers.client.user.clientId as number })).body.status).toBe('invalid-param');
      expect((await get(INDEX, token)).body.status).toBe('permission-denied');
    });

    it('creates a liaison with no clients yet', async () => {
      const response = await postSensitive(LIAISONS_CREATE, callers.admin.token, { ...newPerson(), client_ids: [] });
      expect(response.body.data.liaison.client_ids).toEqual([]);
      await expect(linkedClientIds(response.body.data.liaison.id)).resolves.toEqual([]);
    });

    it('refuses unknown client ids naming client_ids, and creates nothing', async () => {
      const person = newPerson();
      const response = await postSensitive(LIAISONS_CREATE, callers.employee.token, { ...person, client_ids: [linkedClient.clientId, 987654, 987653] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        status: 'invalid-param',
        errors: [{ param: 'client_ids', problem: 'not-found', message: 'client_ids 987653, 987654 do not exist' }],
      });
      await expect(t.dataSource.getRepository(UserEntity).countBy({ email: person.email })).resolves.toBe(0);
      // Nothing was left half-made: the same person can be created once the ids are right.
      const retry = await postSensitive(LIAISONS_CREATE, callers.employee.token, { ...person, client_ids: [linkedClient.clientId] });
      expect(retry.body.status).toBe('action-successful');
    });

    it.each([
      [{ client_ids: undefined }, 'missing-param'],
      [{ client_ids: 'all' }, 'invalid-param'],
      [{ client_ids: [1, 'two'] }, 'invalid-param'],
      [{ client_ids: [0] }, 'invalid-param'],
      [{ client_ids: [99999999999] }, 'invalid-param'],
    ])('%j → %s naming client_ids', async (params, slug) => {
      const response = await postSensitive(LIAISONS_CREATE, callers.employee.token, { ...newPerson(), ...params });
      expect(response.body.status).toBe(slug);
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual(['client_ids']);
    });

    it('refuses an email that already has a user', async () => {
      const response = await postSensitive(LIAISONS_CREATE, callers.employee.token, { ...newPerson({ email: callers.client.user.email }), client_ids: [] });
      expect(response.body.status).toBe('email-already-registered');
    });
  });

  describe('liaisons/update', () => {
    let liaison: TestUser;
    let id: number;
    let extraClients: number[];

    beforeAll(async () => {
      extraClients = [(await createUser(t, { client: true })).clientId as number, (await createUser(t, { client: true })).clientId as number];
      liaison = await createUser(t, { liaisonFor: [linkedClient.clientId as number] });
      id = await liaisonIdOf(liaison);
    });

    it('replaces the client links with exactly the ones given', async () => {
      const [b, c] = extraClients;
      const response = await put(LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [c, b, c] });
      expect(response.status).toBe(200);
      expect(response.body.data.liaison).toEqual({
        id,
        user_id: liaison.user.id,
        client_ids: [b, c],
        user: expect.objectContaining({ id: liaison.user.id, email: liaison.email }),
      });
      await expect(linkedClientIds(id)).resolves.toEqual([b, c]);

      const token = (await signInAs(liaison)).token;
      expect((await get(READ, token, { id: b })).body.status).toBe('action-successful');
      expect((await get(READ, token, { id: linkedClient.clientId as number })).body.status).toBe('invalid-param');

      const kept = await put(LIAISONS_UPDATE, callers.admin.token, { id, client_ids: [b, linkedClient.clientId] });
      expect(kept.body.data.liaison.client_ids).toEqual([linkedClient.clientId as number, b].sort((x, y) => x - y));
      await expect(linkedClientIds(id)).resolves.toEqual([linkedClient.clientId as number, b].sort((x, y) => x - y));
    });

    it('removes every link when given none', async () => {
      const response = await put(LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [] });
      expect(response.body.data.liaison.client_ids).toEqual([]);
      await expect(linkedClientIds(id)).resolves.toEqual([]);
    });

    it('refuses an unknown liaison or client id, changing nothing', async () => {
      await put(LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [extraClients[0]] });
      const unknownLiaison = await put(LIAISONS_UPDATE, callers.employee.token, { id: 987654, client_ids: [extraClients[0]] });
      expect(unknownLiaison.status).toBe(400);
      expect(unknownLiaison.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'not-found' }] });

      const unknownClient = await put(LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [extraClients[1], 987654] });
      expect(unknownClient.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'client_ids', problem: 'not-found' }] });
      await expect(linkedClientIds(id)).resolves.toEqual([extraClients[0]]);

      // A client id is not a liaison id.
      const clientAsLiaison = await put(LIAISONS_UPDATE, callers.employee.token, { id: 987654, client_ids: [987653] });
      expect(clientAsLiaison.body.errors.map((error: { param: string }) => error.param)).toEqual(['id', 'client_ids']);
    });

    it('applies concurrent relinks one whole set at a time, never a mix of two', async () => {
      // A liaison and clients of its own, so nothing else in the file touches these links.
      const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, async () => (await createUser(t, { client: true })).clientId as number));
      const racer = await liaisonIdOf(await createUser(t, { liaisonFor: [a] }));
      // Overlapping sets (a non-atomic relink trips over links another request is writing) and an
      // empty one; whatever order they land in, the links must end as exactly one of them.
      const sets = [[a, b], [c], [b, c, d], []].map((set) => set.sort((x, y) => x - y));
      type Answer = { status: string; data: { liaison: { client_ids: number[] } } | null };
      // fetch sends at once (a supertest request waits to be awaited), so all of a round overlap.
      const relink = async (clientIds: number[]) => {
        const response = await fetch(`${t.url}${LIAISONS_UPDATE}`, {
          method: 'PUT',
          headers: { ...auth(callers.employee.token), 'Content-Type': 'application/json' },
          body: JSON.stringify({ id: racer, client_ids: clientIds }),
        });
        return { http: response.status, body: (await response.json()) as Answer };
      };

      // Each round is another chance for the requests to interleave. A relink that is not atomic
      // shows on PostgreSQL (one connection per request); on SQLite every statement completes
      // synchronously, so a relink runs start to end without yielding to another request anyway.
      for (let round = 0; round < 8; round += 1) {
        const answers = await Promise.all(sets.map((set) => relink(set)));
        expect(answers.map((answer) => `${answer.http} ${answer.body.status}`)).toEqual(sets.map(() => '200 action-successful'));
        // Each answer shows the links after its commit: possibly a later request's set, but a whole one.
        for (const answer of answers) expect(sets).toContainEqual(answer.body.data?.liaison.client_ids);
        expect(sets).toContainEqual(await linkedClientIds(racer));
      }
    });

    it.each([
      [{ client_ids: [] }, 'missing-param', 'id'],
      [{ id: 1 }, 'missing-param', 'client_ids'],
      [{ id: 'one', client_ids: [] }, 'invalid-param', 'id'],
      [{ id: 1, client_ids: 3 }, 'invalid-param', 'client_ids'],
    ])('%j → %s naming %s', async (params, slug, param) => {
      const response = await put(LIAISONS_UPDATE, callers.employee.token, params);
      expect(response.body.status).toBe(slug);
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual([param]);
    });
  });

  it('never sends a password back: not in answers to password-carrying calls, nor anywhere else in this file', async () => {
    // Calls of its own, succeeding and failing, so the check means something when run alone too.
    const own = [
      await postSensitive(EMPLOYEES_CREATE, callers.admin.token, newPerson()),
      await postSensitive(EMPLOYEES_CREATE, callers.admin.token, newPerson({ email: otherClient.email })),
      await postSensitive(EMPLOYEES_CREATE, callers.admin.token, newPerson({ password: 'Qz7#tny' })),
      await postSensitive(EMPLOYEES_CREATE, callers.employee.token, newPerson()),
      await postSensitive(LIAISONS_CREATE, callers.employee.token, { ...newPerson(), client_ids: [linkedClient.clientId] }),
      await postSensitive(LIAISONS_CREATE, callers.employee.token, { ...newPerson(), client_ids: [987654] }),
    ];
    expect(own.map((response) => response.body.status)).toEqual([
      'action-successful',
      'email-already-registered',
      'invalid-param',
      'permission-denied',
      'action-successful',
      'invalid-param',
    ]);
    expect(bodies.length).toBeGreaterThanOrEqual(own.length);
    for (const body of bodies) {
      expect(body).not.toMatch(/password_hash|\$argon2/);
      for (const password of passwords) expect(body).not.toContain(password);
    }
  });
});
