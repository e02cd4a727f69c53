import { createUser, newUserToken, signIn } from './support/accounts.js';
import { expectFailure } from './support/envelope.js';
import { routeRecord, serviceRecord, setRouteDeployed, setServiceDeployed } from './support/registry-admin.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, type TestApp } from './support/test-app.js';

/*
 * Lockout (CONTRACT.md §12): no registry change may withdraw sign-in, the health check or the
 * registry's own routes — through routes/update or through the service that holds them — since
 * nobody could then sign in to undo it, or the load balancer would take every instance out.
 */

const LOCKED_ROUTES = [
  ['POST', '/api/v1/sessions/create', 'Sessions Create API'],
  ['GET', '/health', 'Health Check'],
  ['GET', '/api/v1/routes/index', 'Routes Index API'],
  ['PUT', '/api/v1/routes/update', 'Routes Update API'],
  ['GET', '/api/v1/api_services/index', 'API Services Index API'],
  ['PUT', '/api/v1/api_services/update', 'API Services Update API'],
] as const;

describe(`registry lockout (${testEngine()})`, () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await newUserToken(t, { admin: true });
  });

  afterAll(async () => {
    await t.close();
  });

  function expectLockout(response: Awaited<ReturnType<typeof setRouteDeployed>>, naming: string) {
    expectFailure(response, 'invalid-param', 400, { params: ['id'], session: { application: 'planoauth' } });
    expect(response.body.errors).toEqual([expect.objectContaining({ param: 'id', problem: 'registry-lockout' })]);
    expect(response.body.message).toContain(naming);
    expect(response.body.message).toContain('cannot be withdrawn');
  }

  it.each(LOCKED_ROUTES)('routes/update cannot withdraw %s %s (invalid-param naming it), and it stays deployed', async (method, path, name) => {
    const record = await routeRecord(t, admin, method, path);
    expectLockout(await setRouteDeployed(t, admin, record.id, false), name);
    await expect(routeRecord(t, admin, method, path)).resolves.toMatchObject({ deployed: true });
  });

  it.each([
    ['sessions', 'Sessions Create API'],
    ['health', 'Health Check'],
    ['registry', 'Routes Update API'],
  ])('api_services/update cannot withdraw the %s service, which holds %s', async (slug, name) => {
    const record = await serviceRecord(t, admin, slug);
    expectLockout(await setServiceDeployed(t, admin, record.id, false), name);
    await expect(serviceRecord(t, admin, slug)).resolves.toMatchObject({ deployed: true });
  });

  it('sign-in and the health check still answer after every attempt', async () => {
    for (const [method, path] of LOCKED_ROUTES) await setRouteDeployed(t, admin, (await routeRecord(t, admin, method, path)).id, false);
    for (const slug of ['sessions', 'health', 'registry']) await setServiceDeployed(t, admin, (await serviceRecord(t, admin, slug)).id, false);

    expect((await t.http.get('/health')).status).toBe(200);
    const user = await createUser(t);
    expect((await signIn(t, { email: user.email, password: user.password, application: 'planoauth' })).body.status).toBe('action-successful');
    expect((await getAs(t, '/api/v1/routes/index', admin)).body.status).toBe('action-successful');
  });

  it('deploying a locked route or service is always allowed', async () => {
    const health = await routeRecord(t, admin, 'GET', '/health');
    expect((await setRouteDeployed(t, admin, health.id, true)).body).toMatchObject({ status: 'action-successful', data: { route: { deployed: true } } });
    const sessions = await serviceRecord(t, admin, 'sessions');
    expect((await setServiceDeployed(t, admin, sessions.id, true)).body).toMatchObject({ status: 'action-successful', data: { api_service: { deployed: true } } });
  });

  it('the other routes of those services can still be withdrawn, and restored', async () => {
    const index = await routeRecord(t, admin, 'GET', '/api/v1/sessions/index');
    expect((await setRouteDeployed(t, admin, index.id, false)).body).toMatchObject({ status: 'action-successful', data: { route: { deployed: false } } });
    expect((await setRouteDeployed(t, admin, index.id, true)).body).toMatchObject({ status: 'action-successful', data: { route: { deployed: true } } });

    const orders = await serviceRecord(t, admin, 'orders');
    expect((await setServiceDeployed(t, admin, orders.id, false)).body).toMatchObject({ status: 'action-successful', data: { api_service: { deployed: false } } });
    expect((await setServiceDeployed(t, admin, orders.id, true)).body.status).toBe('action-successful');
  });
});
