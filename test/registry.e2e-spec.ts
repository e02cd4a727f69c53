import type { Logger } from 'typeorm';
import { newUserToken } from './support/accounts.js';
import { CaptureProbeModule } from './support/capture-probe.module.js';
import { PipelineProbeModule } from './support/pipeline-probe.module.js';
import { msUntil } from './support/polling.js';
import { routeRecord, serviceRecord, setRouteDeployed, setServiceDeployed, type RouteRecord } from './support/registry-admin.js';
import { createTestDatabase, testEngine, type TestDatabase } from './support/test-database.js';
import { bearer, createTestApp, getAs, putAs, type TestApp } from './support/test-app.js';

describe(`registry (${testEngine()})`, () => {
  let t: TestApp;
  let admin: string;
  let consumer: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule] });
    admin = await newUserToken(t, { admin: true });
    consumer = await newUserToken(t, { client: true });
  });

  afterAll(async () => {
    await t.close();
  });

  // The orders service, not sessions: the sessions service holds sign-in, which cannot be withdrawn (registry-lockout.e2e-spec.ts).
  const consumerCall = () => getAs(t, '/api/v1/orders/index', consumer);

  it('withdrawing a route, then its service, then restoring both changes what a consumer sees, with no restart', async () => {
    const route = await routeRecord(t, admin, 'GET', '/api/v1/orders/index');
    expect(route).toMatchObject({ name: 'Orders Index API', service: 'orders', deployed: true });
    const orders = (await serviceRecord(t, admin, 'orders')).id;
    expect((await consumerCall()).body.status).toBe('action-successful');

    expect((await setRouteDeployed(t, admin, route.id, false)).body).toMatchObject({ status: 'action-successful', data: { route: { deployed: false } } });
    const withdrawn = await consumerCall();
    expect(withdrawn.status).toBe(404);
    expect(withdrawn.body.status).toBe('route-not-found');

    await setServiceDeployed(t, admin, orders, false);
    expect((await consumerCall()).body.status).toBe('route-not-found'); // the route is checked first

    await setRouteDeployed(t, admin, route.id, true);
    const serviceDown = await consumerCall();
    expect(serviceDown.status).toBe(404);
    expect(serviceDown.body.status).toBe('service-not-found');
    // Another route of the same service is down too; other services are not.
    expect((await getAs(t, '/api/v1/tours/index', consumer)).body.status).toBe('service-not-found');
    expect((await t.http.get('/api/v1/probe/params?name=x')).body.status).toBe('action-successful');

    expect((await setServiceDeployed(t, admin, orders, true)).body).toMatchObject({ data: { api_service: { slug: 'orders', deployed: true } } });
    expect((await consumerCall()).body.status).toBe('action-successful');
  });

  it('identifies before reading the body or the token: a withdrawn route answers route-not-found to anyone', async () => {
    const route = await routeRecord(t, admin, 'POST', '/api/v1/probe/sensitive');
    await setRouteDeployed(t, admin, route.id, false);
    try {
      const response = await t.http.post('/api/v1/probe/sensitive').send({ not: 'base64' });
      expect(response.body.status).toBe('route-not-found');
    } finally {
      await setRouteDeployed(t, admin, route.id, true);
    }
  });

  it('refuses to withdraw the registry’s own admin routes or service', async () => {
    const own = await routeRecord(t, admin, 'PUT', '/api/v1/routes/update');
    const route = await setRouteDeployed(t, admin, own.id, false);
    expect(route.status).toBe(400);
    expect(route.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'registry-lockout' }] });
    expect(route.body.message).toContain('cannot be withdrawn');

    const service = await setServiceDeployed(t, admin, (await serviceRecord(t, admin, 'registry')).id, false);
    expect(service.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'registry-lockout' }] });
    expect((await routeRecord(t, admin, 'PUT', '/api/v1/routes/update')).deployed).toBe(true);
  });

  it('answers invalid-param for an unknown id and missing-param without one', async () => {
    expect((await setRouteDeployed(t, admin, 999_999, false)).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'not-found' }] });
    const missing = await putAs(t, '/api/v1/routes/update', admin, { deployed: false });
    expect(missing.body.status).toBe('missing-param');
  });

  it('filters routes/index by service', async () => {
    const response = await getAs(t, '/api/v1/routes/index', admin, { service: 'registry' });
    expect((response.body.data.results as RouteRecord[]).map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v1/api_services/index',
      'GET /api/v1/routes/index',
      'PUT /api/v1/api_services/update',
      'PUT /api/v1/routes/update',
    ]);
  });

  it.each([
    ['an employee who is not admin', { employee: true }],
    ['a client', { client: true }],
  ])('answers permission-denied to %s on every admin route', async (_who, roles) => {
    const token = await newUserToken(t, roles);
    const calls = [
      t.http.get('/api/v1/routes/index'),
      t.http.put('/api/v1/routes/update').send({ id: 1, deployed: false }),
      t.http.get('/api/v1/api_services/index'),
      t.http.put('/api/v1/api_services/update').send({ id: 1, deployed: false }),
    ];
    for (const call of calls) {
      const response = await call.set(bearer(token));
      expect(response.status).toBe(403);
      expect(response.body.status).toBe('permission-denied');
    }
  });

  it('identifies requests without a single database query', async () => {
    const queries: string[] = [];
    const original = t.dataSource.logger;
    const counting: Logger = {
      logQuery: (query: string) => void queries.push(query),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    Object.assign(t.dataSource, { logger: counting });
    try {
      const burst = await Promise.all(Array.from({ length: 200 }, (_, i) => t.http.get(`/api/v1/probe/params?name=n${i}`)));
      expect(burst.every((response) => response.body.status === 'action-successful')).toBe(true);
      const withdrawn = await Promise.all(Array.from({ length: 20 }, () => t.http.post('/api/v1/nowhere')));
      expect(withdrawn.every((response) => response.body.status === 'route-non-existent')).toBe(true);
    } finally {
      Object.assign(t.dataSource, { logger: original });
    }
    // Only the version poll may have run meanwhile.
    expect(queries.filter((query) => !query.includes('registry_version'))).toEqual([]);
  });

  it('lists the same routes, with the same names, as the OpenAPI document', async () => {
    const records = (await getAs(t, '/api/v1/routes/index', admin)).body.data.results as RouteRecord[];
    const document = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, { summary: string }>> };
    const fromDocs = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation.summary}`),
    );
    expect(records.map((r) => `${r.method} ${r.path} ${r.name}`).sort()).toEqual(fromDocs.sort());
  });
});

/** CONTRACT.md §8: a registry change takes effect on every running instance within one second. */
const PROPAGATION_BOUND_MS = 1000;
/**
 * How long to keep looking before calling a change lost: far past the bound, so a slow moment on a
 * busy machine fails with the time it took rather than a timeout, and a lost change still fails.
 */
const GIVE_UP_AFTER_MS = 10_000;

/** Asks again every few milliseconds, from just after the change was answered (so committed). */
const POLL = { giveUpAfterMs: GIVE_UP_AFTER_MS, everyMs: 10 };

describe(`registry across instances and restarts (${testEngine()})`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.drop();
  });

  it('a change made through instance A reaches instance B within one second, both ways', async () => {
    // Both instances are up and serving before anything is timed: only the propagation is measured.
    const a = await createTestApp({ database });
    const b = await createTestApp({ database });
    try {
      const admin = await newUserToken(a, { admin: true });
      // Any route but /health (which cannot be withdrawn); without a token it answers invalid-token while deployed.
      const route = await routeRecord(a, admin, 'GET', '/api/v1/sessions/read');
      const probe = () => b.http.get('/api/v1/sessions/read');
      expect((await probe()).body.status).toBe('invalid-token');

      expect((await setRouteDeployed(a, admin, route.id, false)).body.status).toBe('action-successful');
      const withdrawnMs = await msUntil(async () => (await probe()).body.status === 'route-not-found', POLL);
      expect(withdrawnMs).toBeLessThanOrEqual(PROPAGATION_BOUND_MS);

      expect((await setRouteDeployed(a, admin, route.id, true)).body.status).toBe('action-successful');
      const restoredMs = await msUntil(async () => (await probe()).body.status === 'invalid-token', POLL);
      expect(restoredMs).toBeLessThanOrEqual(PROPAGATION_BOUND_MS);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('keeps operators’ flags across a restart; new routes appear deployed, or not with ROUTES_AUTO_DEPLOY=false', async () => {
    const first = await createTestApp({ database });
    const admin = await newUserToken(first, { admin: true });
    const route = await routeRecord(first, admin, 'GET', '/api/v1/sessions/index');
    await setRouteDeployed(first, admin, route.id, false);
    await first.close();

    const second = await createTestApp({ database, imports: [PipelineProbeModule] });
    try {
      expect((await second.http.get('/api/v1/sessions/index')).body.status).toBe('route-not-found');
      expect((await second.http.get('/api/v1/probe/params?name=new')).body.status).toBe('action-successful');
    } finally {
      await second.close();
    }

    const third = await createTestApp({ database, imports: [CaptureProbeModule], env: { ROUTES_AUTO_DEPLOY: 'false' } });
    try {
      expect((await third.http.get('/api/v1/capture_probe/whoami')).body.status).toBe('route-not-found');
      expect((await third.http.get('/api/v1/probe/params?name=old')).status).toBe(500); // not served by this app: route-non-existent
      const record = await routeRecord(third, await newUserToken(third, { admin: true }), 'GET', '/api/v1/capture_probe/whoami');
      expect(record.deployed).toBe(false);
    } finally {
      await third.close();
    }
  });
});
