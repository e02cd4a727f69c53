import type { Response } from 'supertest';
import { OrderEntity } from '../src/modules/orders/entities/order.entity.js';
import { TourEntity } from '../src/modules/orders/entities/tour.entity.js';
import { createRoleCast, createUser, tokenFor, type Caller, type Role, type TestUser } from './support/accounts.js';
import { resultIds } from './support/envelope.js';
import { ANY_ROLE, itAnswersTheRoleMatrix, notAccessible, STAFF_ONLY, STAFF_ONLY_CLIENT } from './support/role-matrix.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';

const ORDERS_CREATE = '/api/v1/orders/create';
const ORDERS_INDEX = '/api/v1/orders/index';
const TOURS_CREATE = '/api/v1/tours/create';
const TOURS_INDEX = '/api/v1/tours/index';

/** Larger than any id PostgreSQL's integer holds: a validation failure, never a database error. */
const TOO_BIG = '2147483648';
const MAX_INT = 2147483647;

describe('orders and tours', () => {
  let t: TestApp;
  let callers: Record<Role, Caller>;
  /** The client the liaison acts for, and one only staff may use. */
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
        'POST orders/create': {
          call: (token) => postAs(t, ORDERS_CREATE, token, { client_id: otherClient.clientId, address: '1 Matrix Way' }),
          expected: STAFF_ONLY,
        },
        'POST tours/create': {
          call: (token) => postAs(t, TOURS_CREATE, token, { client_id: otherClient.clientId, address: '1 Matrix Way' }),
          expected: STAFF_ONLY,
        },
        'GET orders/index': { call: (token) => getAs(t, ORDERS_INDEX, token), expected: ANY_ROLE },
        'GET tours/index': { call: (token) => getAs(t, TOURS_INDEX, token), expected: ANY_ROLE },
        // Another client's id: only staff may use it; everyone else hears what a nonexistent id gets.
        'GET orders/index of another client': {
          call: (token) => getAs(t, ORDERS_INDEX, token, { client_id: otherClient.clientId }),
          expected: STAFF_ONLY_CLIENT,
        },
        'GET tours/index of another client': {
          call: (token) => getAs(t, TOURS_INDEX, token, { client_id: otherClient.clientId }),
          expected: STAFF_ONLY_CLIENT,
        },
      },
      () => callers,
      () => notAccessible('client_id', otherClient.clientId as number),
    );

    it('answers invalid-token without a token on every route', async () => {
      for (const path of [ORDERS_INDEX, TOURS_INDEX]) {
        const response = await t.http.get(path);
        expect({ path, status: response.body.status, http: response.status }).toEqual({ path, status: 'invalid-token', http: 401 });
      }
      for (const path of [ORDERS_CREATE, TOURS_CREATE]) {
        const response = await t.http.post(path).send({ client_id: otherClient.clientId, address: 'x' });
        expect({ path, status: response.body.status, http: response.status }).toEqual({ path, status: 'invalid-token', http: 401 });
      }
    });
  });

  describe('orders/create', () => {
    it('creates the order, by the caller, at the clock’s time, and answers its view', async () => {
      // A moment later (not days: the sessions would expire), so created_at is the clock's, not the sign-in's.
      t.clock.advanceSeconds(30);
      const now = t.clock.now().toISOString();
      const employee = callers.employee;
      const response = await postAs(t, ORDERS_CREATE, employee.token, { client_id: linkedClient.clientId, address: '221B Baker Street' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'action-successful', errors: null });
      expect(response.body.data).toEqual({
        order: { id: expect.any(Number), client_id: linkedClient.clientId, address: '221B Baker Street', created_at: now },
      });
      const row = await t.dataSource.getRepository(OrderEntity).findOneByOrFail({ id: response.body.data.order.id as number });
      expect(row).toMatchObject({ clientId: linkedClient.clientId, address: '221B Baker Street', createdByUserId: employee.user.user.id });
      expect(row.createdAt.toISOString()).toBe(now);
    });

    it('accepts an address of 300 characters', async () => {
      const address = 'a'.repeat(300);
      const response = await postAs(t, ORDERS_CREATE, callers.admin.token, { client_id: linkedClient.clientId, address });
      expect(response.body.status).toBe('action-successful');
      await expect(t.dataSource.getRepository(OrderEntity).findOneByOrFail({ id: response.body.data.order.id as number })).resolves.toMatchObject({ address });
    });

    it.each([
      ['no client_id', { address: 'x' }, 'missing-param', 'client_id'],
      ['no address', { client_id: 1 }, 'missing-param', 'address'],
      ['an empty address', { client_id: 1, address: '' }, 'invalid-param', 'address'],
      ['a blank address', { client_id: 1, address: '   ' }, 'invalid-param', 'address'],
      ['an address over 300 characters', { client_id: 1, address: 'a'.repeat(301) }, 'invalid-param', 'address'],
      ['an address that is not a string', { client_id: 1, address: 42 }, 'invalid-param', 'address'],
      ['a client_id that is not an integer', { client_id: 'abc', address: 'x' }, 'invalid-param', 'client_id'],
      ['client_id 0', { client_id: 0, address: 'x' }, 'invalid-param', 'client_id'],
      ['a client_id beyond the integer range', { client_id: Number(TOO_BIG), address: 'x' }, 'invalid-param', 'client_id'],
    ])('refuses %s', async (_case, body, slug, param) => {
      const before = await t.dataSource.getRepository(OrderEntity).count();
      const response = await postAs(t, ORDERS_CREATE, callers.employee.token, body);
      expect({ status: response.body.status, http: response.status }).toEqual({ status: slug, http: 400 });
      expect(response.body.errors).toEqual([expect.objectContaining({ param })]);
      expect(response.body.data).toBeNull();
      await expect(t.dataSource.getRepository(OrderEntity).count()).resolves.toBe(before);
    });

    it('refuses a client that does not exist, naming client_id', async () => {
      const before = await t.dataSource.getRepository(OrderEntity).count();
      const response = await postAs(t, ORDERS_CREATE, callers.admin.token, { client_id: MAX_INT, address: 'x' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject(notAccessible('client_id', MAX_INT));
      await expect(t.dataSource.getRepository(OrderEntity).count()).resolves.toBe(before);
    });
  });

  describe('tours/create', () => {
    let linkedOrderId: number;
    let otherOrderId: number;

    beforeAll(async () => {
      const order = async (client: TestUser) =>
        (await postAs(t, ORDERS_CREATE, callers.employee.token, { client_id: client.clientId, address: 'Order street' })).body.data.order.id as number;
      linkedOrderId = await order(linkedClient);
      otherOrderId = await order(otherClient);
    });

    it('creates a standalone tour (order_id null)', async () => {
      // A moment later (not days: the sessions would expire), so created_at is the clock's, not the sign-in's.
      t.clock.advanceSeconds(30);
      const now = t.clock.now().toISOString();
      const response = await postAs(t, TOURS_CREATE, callers.employee.token, { client_id: linkedClient.clientId, address: '5 Tour Lane' });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        tour: { id: expect.any(Number), client_id: linkedClient.clientId, order_id: null, address: '5 Tour Lane', created_at: now },
      });
      const row = await t.dataSource.getRepository(TourEntity).findOneByOrFail({ id: response.body.data.tour.id as number });
      expect(row).toMatchObject({ clientId: linkedClient.clientId, orderId: null, address: '5 Tour Lane', createdByUserId: callers.employee.user.user.id });
      expect(row.createdAt.toISOString()).toBe(now);
    });

    it('creates a tour of one of the client’s orders', async () => {
      const response = await postAs(t, TOURS_CREATE, callers.admin.token, { client_id: linkedClient.clientId, address: '6 Tour Lane', order_id: linkedOrderId });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { tour: { client_id: linkedClient.clientId, order_id: linkedOrderId } } });
      const row = await t.dataSource.getRepository(TourEntity).findOneByOrFail({ id: response.body.data.tour.id as number });
      expect(row).toMatchObject({ orderId: linkedOrderId, createdByUserId: callers.admin.user.user.id });
    });

    it('refuses another client’s order exactly as a nonexistent one, naming order_id, and writes nothing', async () => {
      const tours = t.dataSource.getRepository(TourEntity);
      const before = await tours.count();
      const foreign = await postAs(t, TOURS_CREATE, callers.employee.token, { client_id: linkedClient.clientId, address: 'x', order_id: otherOrderId });
      const missing = await postAs(t, TOURS_CREATE, callers.employee.token, { client_id: linkedClient.clientId, address: 'x', order_id: MAX_INT });
      expect(foreign.status).toBe(400);
      expect(foreign.body).toMatchObject(notAccessible('order_id', otherOrderId));
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject(notAccessible('order_id', MAX_INT));
      await expect(tours.count()).resolves.toBe(before);
    });

    it.each([
      ['a client that does not exist', { client_id: MAX_INT, address: 'x' }, 'client_id'],
      ['an order_id beyond the integer range', { client_id: 1, address: 'x', order_id: Number(TOO_BIG) }, 'order_id'],
      ['an order_id that is not an integer', { client_id: 1, address: 'x', order_id: '12' }, 'order_id'],
      ['a blank address', { client_id: 1, address: ' ' }, 'address'],
    ])('refuses %s with invalid-param', async (_case, body, param) => {
      const response = await postAs(t, TOURS_CREATE, callers.employee.token, body);
      expect({ status: response.body.status, http: response.status }).toEqual({ status: 'invalid-param', http: 400 });
      expect(response.body.errors).toEqual([expect.objectContaining({ param })]);
    });

    it('wants client_id and address', async () => {
      const response = await postAs(t, TOURS_CREATE, callers.employee.token, { order_id: linkedOrderId });
      expect({ status: response.body.status, http: response.status }).toEqual({ status: 'missing-param', http: 400 });
      expect((response.body.errors as Array<{ param: string }>).map((error) => error.param).sort()).toEqual(['address', 'client_id']);
    });
  });

  describe('who sees what on orders/index and tours/index', () => {
    let v: TestApp;
    let ids: Record<'acme' | 'bayview' | 'corner' | 'dual', number>;
    let orders: Record<'acme1' | 'acme2' | 'bayview1' | 'corner1' | 'dual1', number>;
    let tours: Record<'acme1' | 'bayview' | 'corner1' | 'dual', number>;
    let tokens: Record<'staff' | 'acme' | 'liaison' | 'dual', string>;

    const list = (path: string, token: string, query: Record<string, unknown> = {}) => getAs(v, path, token, query);

    beforeAll(async () => {
      // A database of its own, so the rows listed are exactly these.
      v = await createTestApp();
      const acme = await createUser(v, { client: true });
      const bayview = await createUser(v, { client: true });
      const corner = await createUser(v, { client: true });
      const liaison = await createUser(v, { liaisonFor: [acme.clientId as number, bayview.clientId as number] });
      // A client that is also a liaison for bayview: it sees what each role allows.
      const dual = await createUser(v, { client: true, liaisonFor: [bayview.clientId as number] });
      const staff = await createUser(v, { employee: true });
      ids = { acme: acme.clientId as number, bayview: bayview.clientId as number, corner: corner.clientId as number, dual: dual.clientId as number };
      tokens = { staff: await tokenFor(v, staff), acme: await tokenFor(v, acme), liaison: await tokenFor(v, liaison), dual: await tokenFor(v, dual) };

      const order = async (clientId: number) =>
        (await postAs(v, ORDERS_CREATE, tokens.staff, { client_id: clientId, address: `Order of ${clientId}` })).body.data.order.id as number;
      const tour = async (clientId: number, orderId?: number) =>
        (await postAs(v, TOURS_CREATE, tokens.staff, { client_id: clientId, address: `Tour of ${clientId}`, order_id: orderId })).body.data.tour.id as number;
      orders = { acme1: await order(ids.acme), bayview1: await order(ids.bayview), corner1: await order(ids.corner), acme2: await order(ids.acme), dual1: await order(ids.dual) };
      tours = { acme1: await tour(ids.acme, orders.acme1), corner1: await tour(ids.corner, orders.corner1), bayview: await tour(ids.bayview), dual: await tour(ids.dual) };
    });

    afterAll(async () => {
      await v.close();
    });

    it('staff see every order and tour, by id, with their views', async () => {
      const orderList = await list(ORDERS_INDEX, tokens.staff);
      expect(resultIds(orderList)).toEqual([orders.acme1, orders.bayview1, orders.corner1, orders.acme2, orders.dual1]);
      expect(orderList.body.data.results[0]).toEqual({ id: orders.acme1, client_id: ids.acme, address: `Order of ${ids.acme}`, created_at: expect.any(String) });
      const tourList = await list(TOURS_INDEX, tokens.staff);
      expect(resultIds(tourList)).toEqual([tours.acme1, tours.corner1, tours.bayview, tours.dual]);
      expect(tourList.body.data.results[0]).toEqual({
        id: tours.acme1,
        client_id: ids.acme,
        order_id: orders.acme1,
        address: `Tour of ${ids.acme}`,
        created_at: expect.any(String),
      });
    });

    it('staff filter by client_id', async () => {
      expect(resultIds(await list(ORDERS_INDEX, tokens.staff, { client_id: ids.acme }))).toEqual([orders.acme1, orders.acme2]);
      expect(resultIds(await list(TOURS_INDEX, tokens.staff, { client_id: ids.corner }))).toEqual([tours.corner1]);
      expect(resultIds(await list(TOURS_INDEX, tokens.staff, { client_id: ids.acme }))).toEqual([tours.acme1]);
    });

    it('a client sees only its own, with or without its own client_id', async () => {
      expect(resultIds(await list(ORDERS_INDEX, tokens.acme))).toEqual([orders.acme1, orders.acme2]);
      expect(resultIds(await list(ORDERS_INDEX, tokens.acme, { client_id: ids.acme }))).toEqual([orders.acme1, orders.acme2]);
      expect(resultIds(await list(TOURS_INDEX, tokens.acme))).toEqual([tours.acme1]);
    });

    it('a liaison sees its linked clients’ only, and may filter by one of them', async () => {
      expect(resultIds(await list(ORDERS_INDEX, tokens.liaison))).toEqual([orders.acme1, orders.bayview1, orders.acme2]);
      expect(resultIds(await list(TOURS_INDEX, tokens.liaison))).toEqual([tours.acme1, tours.bayview]);
      expect(resultIds(await list(ORDERS_INDEX, tokens.liaison, { client_id: ids.bayview }))).toEqual([orders.bayview1]);
    });

    it('a client that is also a liaison sees its own and its linked clients’', async () => {
      expect(resultIds(await list(ORDERS_INDEX, tokens.dual))).toEqual([orders.bayview1, orders.dual1]);
      expect(resultIds(await list(TOURS_INDEX, tokens.dual))).toEqual([tours.bayview, tours.dual]);
    });

    it.each([
      ['a client', 'acme', ORDERS_INDEX],
      ['a client', 'acme', TOURS_INDEX],
      ['a liaison', 'liaison', ORDERS_INDEX],
      ['a liaison', 'liaison', TOURS_INDEX],
    ] as const)('%s asking for someone else’s client_id hears what a nonexistent one gets (%s, %s)', async (_who, caller, path) => {
      const foreign = await list(path, tokens[caller], { client_id: ids.corner });
      const missing = await list(path, tokens[caller], { client_id: MAX_INT });
      expect(foreign.status).toBe(400);
      expect(missing.status).toBe(400);
      expect(foreign.body).toMatchObject(notAccessible('client_id', ids.corner));
      expect(missing.body).toMatchObject(notAccessible('client_id', MAX_INT));
      const withoutId = (response: Response, id: number) => ({ ...response.body, message: (response.body.message as string).replace(String(id), '<id>'), request_id: null });
      expect(withoutId(foreign, ids.corner)).toEqual(withoutId(missing, MAX_INT));
    });

    it('staff asking for a client that does not exist get invalid-param', async () => {
      const response = await list(ORDERS_INDEX, tokens.staff, { client_id: MAX_INT });
      expect(response.body).toMatchObject(notAccessible('client_id', MAX_INT));
    });

    it.each([TOO_BIG, 'abc', '0', '-1', '1.5'])('refuses client_id=%s with invalid-param, not a crash', async (value) => {
      for (const path of [ORDERS_INDEX, TOURS_INDEX]) {
        const response = await list(path, tokens.staff, { client_id: value });
        expect({ path, status: response.body.status, http: response.status }).toEqual({ path, status: 'invalid-param', http: 400 });
        expect(response.body.errors).toEqual([expect.objectContaining({ param: 'client_id', problem: 'invalid' })]);
      }
    });
  });
});
