import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import { applicationToken, createUser, tokenFor, type TestUser } from './support/accounts.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, postAs, putAs, type TestApp } from './support/test-app.js';

/**
 * One index convention on every index route (issue 14, point 2): count, search{term, attributes},
 * filters[], page{size, number}, sort{attribute, order}; each route's declared attributes and
 * named filters, anything undeclared → invalid-param naming the param.
 */

interface IndexRoute {
  readonly path: string;
  /** A declared searchable attribute, and a term of it that matches some records but not all. */
  readonly search: { readonly attribute: string; readonly term: string };
  /** A declared sortable attribute besides id. */
  readonly sortable: string;
  /** Named filters, and the field the filter is about (each record of the filtered page must satisfy it). */
  readonly filters: Record<string, (record: Record<string, unknown>) => boolean>;
  /** The caller's token. */
  readonly token: () => string;
}

describe(`the index convention on every index route (${testEngine()})`, () => {
  let t: TestApp;
  let admin: string;
  let client: TestUser;
  let clientToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const adminUser = await createUser(t, { admin: true });
    admin = await tokenFor(t, adminUser);
    await tokenFor(t, adminUser, 'planoorder'); // a second and third session of the admin
    await tokenFor(t, adminUser, 'planox2');
    client = await createUser(t, { client: true, email: `index-client.${Date.now()}@example.com` });
    clientToken = await tokenFor(t, client, 'planoorder');
    for (const [first, active] of [['Ada', true], ['Bea', false], ['Cyd', true]] as const) {
      const other = await createUser(t, { client: true });
      await putAs(t, '/api/v1/clients/update', admin, { id: other.clientId, first_name: first, active });
    }
    for (const address of ['1 Alder Way', '2 Birch Road', '3 Cedar Lane']) {
      const order = await postAs(t, '/api/v1/orders/create', admin, { client_id: client.clientId, address });
      await postAs(t, '/api/v1/tours/create', admin, { client_id: client.clientId, address, order_id: order.body.data.order.id });
      await postAs(t, '/api/v1/tours/create', admin, { client_id: client.clientId, address: `${address}, garden` });
    }
    const notifications = t.dataSource.getRepository(NotificationEntity);
    for (const [kind, acknowledged] of [['application-crash', false], ['mandrill-email-failed', true], ['application-crash', true]] as const) {
      await notifications.insert({ kind, route: 'Index Test API', requestId: null, message: `${kind} for the index test`, createdAt: t.clock.now(), count: 1, lastSeenAt: null, acknowledgedAt: acknowledged ? t.clock.now() : null });
    }
    const revoked = await applicationToken(t, admin, 'capture');
    await applicationToken(t, admin, 'planoorder');
    const tokens = await getAs(t, '/api/v1/applications/tokens', admin);
    const revokedId = (tokens.body.data.results as Array<{ id: number }>).at(-1)?.id;
    expect(revoked).toEqual(expect.any(String));
    await postAs(t, '/api/v1/applications/revoke_token', admin, { id: revokedId });
  });

  afterAll(async () => {
    await t.close();
  });

  const ROUTES: IndexRoute[] = [
    { path: '/api/v1/clients/index', search: { attribute: 'first_name', term: 'bea' }, sortable: 'first_name', token: () => admin, filters: { active_clients: (r) => r.active === true, inactive_clients: (r) => r.active === false } },
    { path: '/api/v1/orders/index', search: { attribute: 'address', term: 'birch' }, sortable: 'address', token: () => clientToken, filters: {} },
    { path: '/api/v1/tours/index', search: { attribute: 'address', term: 'garden' }, sortable: 'address', token: () => clientToken, filters: { of_an_order: (r) => r.order_id !== null, standalone: (r) => r.order_id === null } },
    { path: '/api/v1/notifications/index', search: { attribute: 'kind', term: 'mandrill' }, sortable: 'created_at', token: () => admin, filters: { acknowledged: (r) => r.acknowledged_at !== null, unacknowledged: (r) => r.acknowledged_at === null } },
    { path: '/api/v1/sessions/index', search: { attribute: 'application', term: 'planox' }, sortable: 'last_used_at', token: () => admin, filters: {} },
    { path: '/api/v1/routes/index', search: { attribute: 'path', term: 'sessions/' }, sortable: 'name', token: () => admin, filters: { deployed: (r) => r.deployed === true, withdrawn: (r) => r.deployed === false } },
    { path: '/api/v1/api_services/index', search: { attribute: 'slug', term: 'sess' }, sortable: 'name', token: () => admin, filters: { deployed: (r) => r.deployed === true, withdrawn: (r) => r.deployed === false } },
    { path: '/api/v1/applications/index', search: { attribute: 'slug', term: 'plano' }, sortable: 'name', token: () => admin, filters: {} },
    { path: '/api/v1/applications/tokens', search: { attribute: 'application', term: 'capture' }, sortable: 'created_at', token: () => admin, filters: { live: (r) => r.revoked_at === null, revoked: (r) => r.revoked_at !== null } },
  ];
  const list = async (route: IndexRoute, query: Record<string, unknown>) => {
    const response = await getAs(t, route.path, route.token(), query);
    return response;
  };
  const ids = (response: { body: { data: { results: Array<{ id: number }> } } }) => response.body.data.results.map((record) => record.id);

  describe.each(ROUTES.map((route) => [route.path, route] as const))('%s', (_path, route) => {
    it('count=true adds the total of matches; page[size] and page[number] page through them', async () => {
      const all = await list(route, { count: 'true', 'page[size]': 100 });
      expect(all.body.status).toBe('action-successful');
      const total = all.body.data.count as number;
      expect(total).toBe(all.body.data.results.length);
      expect(total).toBeGreaterThanOrEqual(2);
      expect((await list(route, {})).body.data).not.toHaveProperty(route.path.includes('notifications') ? 'nothing' : 'count');
      const first = await list(route, { 'page[size]': 1, 'sort[attribute]': 'id' });
      const second = await list(route, { 'page[size]': 1, 'page[number]': 2, 'sort[attribute]': 'id' });
      expect(ids(first)).toHaveLength(1);
      expect(ids(second)).toHaveLength(1);
      expect(ids(second)[0]).not.toBe(ids(first)[0]);
    });

    it('sort{attribute, order}: by id both ways, and by its other declared attribute', async () => {
      const asc = ids(await list(route, { 'sort[attribute]': 'id', 'sort[order]': 'asc', 'page[size]': 100 }));
      const desc = ids(await list(route, { 'sort[attribute]': 'id', 'sort[order]': 'desc', 'page[size]': 100 }));
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
      expect(desc).toEqual([...asc].reverse());
      const byOther = await list(route, { 'sort[attribute]': route.sortable, 'page[size]': 100 });
      expect(byOther.body.status).toBe('action-successful');
      expect(ids(byOther).sort()).toEqual([...asc].sort());
    });

    it('search{term, attributes}: the term narrows, case-insensitively, over the declared attribute', async () => {
      const all = ids(await list(route, { 'page[size]': 100 }));
      const found = await list(route, { 'search[term]': route.search.term.toUpperCase(), 'search[attributes]': route.search.attribute, 'page[size]': 100 });
      expect(found.body.status).toBe('action-successful');
      const records = found.body.data.results as Array<Record<string, unknown>>;
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThan(all.length);
      for (const record of records) expect(String(record[route.search.attribute]).toLowerCase()).toContain(route.search.term.toLowerCase());
    });

    it('filters[]: each declared filter keeps exactly the records it names', async () => {
      for (const [filter, holds] of Object.entries(route.filters)) {
        const filtered = await list(route, { 'filters[]': filter, 'page[size]': 100 });
        expect(filtered.body.status).toBe('action-successful');
        for (const record of filtered.body.data.results as Array<Record<string, unknown>>) expect({ filter, holds: holds(record) }).toEqual({ filter, holds: true });
      }
    });

    it.each([
      ['search[attributes]=password_hash', { 'search[attributes]': 'password_hash' }, 'search.attributes'],
      ['sort[attribute]=password_hash', { 'sort[attribute]': 'password_hash' }, 'sort.attribute'],
      ['sort[order]=sideways', { 'sort[order]': 'sideways' }, 'sort.order'],
      ['filters[]=no_such_filter', { 'filters[]': 'no_such_filter' }, 'filters'],
      ['page[size]=101', { 'page[size]': 101 }, 'page.size'],
      ['count=maybe', { count: 'maybe' }, 'count'],
    ])('%s (not declared) → invalid-param naming %s', async (_case, query, param) => {
      const response = await list(route, query);
      expect(response.body).toMatchObject({ status: 'invalid-param', errors: [expect.objectContaining({ param })], data: null });
    });
  });

  it('the OpenAPI document lists each route’s index params, with its attributes and filters as enums', async () => {
    const document = (await t.http.get('/docs-json')).body as {
      paths: Record<string, { get: { parameters: Array<{ name: string; schema?: { items?: { enum?: string[] }; enum?: string[] } }> } }>;
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    for (const route of ROUTES) {
      const names = document.paths[route.path].get.parameters.map((parameter) => parameter.name);
      expect({ path: route.path, names }).toEqual({ path: route.path, names: expect.arrayContaining(['count', 'search', 'filters', 'page', 'sort']) });
    }
    expect(document.components.schemas.ClientsSort.properties.attribute.enum).toEqual(['id', 'first_name', 'last_name', 'company_name', 'created_at']);
    const filters = document.paths['/api/v1/clients/index'].get.parameters.find((parameter) => parameter.name === 'filters');
    expect(filters?.schema?.items?.enum).toEqual(['active_clients', 'inactive_clients']);
  });
});
