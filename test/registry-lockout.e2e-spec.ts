import { createUser, signIn, tokenFor } from './support/accounts.js';
import { expectFailure } from './support/failure-envelope.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * Lockout (CONTRACT.md §12): no registry change may withdraw sign-in, the health check or the
 * registry's own routes — through routes/update or through the service that holds them — since
 * nobody could then sign in to undo it, or the load balancer would take every instance out.
 */

interface RouteRecord {
  id: number;
  method: string;
  path: string;
  name: string;
  service: string;
  deployed: boolean;
}

interface ServiceRecord {
  id: number;
  slug: string;
  deployed: boolean;
}

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
    admin = await tokenFor(t, await createUser(t, { admin: true }));
  });

  afterAll(async () => {
    await t.close();
  });

  const asAdmin = (request: ReturnType<TestApp['http']['get']>) => request.set('Authorization', `Bearer ${admin}`);
  const setRoute = (id: number, deployed: boolean) => asAdmin(t.http.put('/api/v1/routes/update')).send({ id, deployed });
  const setService = (id: number, deployed: boolean) => asAdmin(t.http.put('/api/v1/api_services/update')).send({ id, deployed });

  async function routes(): Promise<RouteRecord[]> {
    return (await asAdmin(t.http.get('/api/v1/routes/index'))).body.data.results as RouteRecord[];
  }

  async function route(method: string, path: string): Promise<RouteRecord> {
    const found = (await routes()).find((record) => record.method === method && record.path === path);
    if (!found) throw new Error(`no record for ${method} ${path}`);
    return found;
  }

  async function service(slug: string): Promise<ServiceRecord> {
    const services = (await asAdmin(t.http.get('/api/v1/api_services/index'))).body.data.results as ServiceRecord[];
    const found = services.find((record) => record.slug === slug);
    if (!found) throw new Error(`no service ${slug}`);
    return found;
  }

  function expectLockout(response: Awaited<ReturnType<typeof setRoute>>, naming: string) {
    expectFailure(response, 'invalid-param', 400, { params: ['id'], session: { application: 'planoauth' } });
    expect(response.body.errors).toEqual([expect.objectContaining({ param: 'id', problem: 'registry-lockout' })]);
    expect(response.body.message).toContain(naming);
    expect(response.body.message).toContain('cannot be withdrawn');
  }

  it.each(LOCKED_ROUTES)('routes/update cannot withdraw %s %s (invalid-param naming it), and it stays deployed', async (method, path, name) => {
    const record = await route(method, path);
    expectLockout(await setRoute(record.id, false), name);
    await expect(route(method, path)).resolves.toMatchObject({ deployed: true });
  });

  it.each([
    ['sessions', 'Sessions Create API'],
    ['health', 'Health Check'],
    ['registry', 'Routes Update API'],
  ])('api_services/update cannot withdraw the %s service, which holds %s', async (slug, name) => {
    const record = await service(slug);
    expectLockout(await setService(record.id, false), name);
    await expect(service(slug)).resolves.toMatchObject({ deployed: true });
  });

  it('sign-in and the health check still answer after every attempt', async () => {
    for (const [method, path] of LOCKED_ROUTES) await setRoute((await route(method, path)).id, false);
    for (const slug of ['sessions', 'health', 'registry']) await setService((await service(slug)).id, false);

    expect((await t.http.get('/health')).status).toBe(200);
    const user = await createUser(t);
    expect((await signIn(t, { email: user.email, password: user.password, application: 'planoauth' })).body.status).toBe('action-successful');
    expect((await asAdmin(t.http.get('/api/v1/routes/index'))).body.status).toBe('action-successful');
  });

  it('deploying a locked route or service is always allowed', async () => {
    const health = await route('GET', '/health');
    expect((await setRoute(health.id, true)).body).toMatchObject({ status: 'action-successful', data: { route: { deployed: true } } });
    const sessions = await service('sessions');
    expect((await setService(sessions.id, true)).body).toMatchObject({ status: 'action-successful', data: { api_service: { deployed: true } } });
  });

  it('the other routes of those services can still be withdrawn, and restored', async () => {
    const index = await route('GET', '/api/v1/sessions/index');
    expect((await setRoute(index.id, false)).body).toMatchObject({ status: 'action-successful', data: { route: { deployed: false } } });
    expect((await setRoute(index.id, true)).body).toMatchObject({ status: 'action-successful', data: { route: { deployed: true } } });

    const orders = await service('orders');
    expect((await setService(orders.id, false)).body).toMatchObject({ status: 'action-successful', data: { api_service: { deployed: false } } });
    expect((await setService(orders.id, true)).body.status).toBe('action-successful');
  });
});
