import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { createUser, tokenFor } from './support/accounts.js';
import { PipelineProbeModule } from './support/pipeline-probe.module.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('the notifications tab', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule] });
    staff = await tokenFor(t, await createUser(t, { employee: true }));
    // Two real crashes, then 28 more recorded directly, a second apart.
    await t.http.get('/api/v1/probe/crash').set('X-Request-Id', 'tab-crash-0001');
    t.clock.advanceSeconds(1);
    await t.http.get('/api/v1/probe/crash').set('X-Request-Id', 'tab-crash-0002');
    const notifications = t.app.get(NotificationsService);
    for (let i = 3; i <= 30; i += 1) {
      t.clock.advanceSeconds(1);
      await notifications.record({ kind: 'application-crash', route: 'Probe Crash API', requestId: `tab-crash-${String(i).padStart(4, '0')}`, message: `Error: crash ${i}` });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  const index = (query: Record<string, string> = {}) =>
    t.http.get('/api/v1/notifications/index').query(query).set('Authorization', `Bearer ${staff}`);
  const acknowledge = (body: Record<string, unknown>) =>
    t.http.post('/api/v1/notifications/acknowledge').set('Authorization', `Bearer ${staff}`).send(body);

  it('lists notifications newest first, a page at a time, with the total', async () => {
    const first = await index();
    expect(first.body.status).toBe('action-successful');
    expect(first.body.data.count).toBe(30);
    expect(first.body.data.results).toHaveLength(25);
    expect(first.body.data.results[0]).toMatchObject({
      kind: 'application-crash',
      route: 'Probe Crash API',
      request_id: 'tab-crash-0030',
      message: 'Error: crash 30',
      acknowledged_at: null,
    });
    const second = await index({ 'page[size]': '10', 'page[number]': '3' });
    expect(second.body.data.results.map((n: { request_id: string }) => n.request_id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `tab-crash-${String(10 - i).padStart(4, '0')}`),
    );
    const real = second.body.data.results.find((n: { request_id: string }) => n.request_id === 'tab-crash-0001');
    expect(real.message).toContain('boom');
  });

  it('acknowledges once: the first time stays, and the filters follow', async () => {
    const target = (await index()).body.data.results[0] as { id: number };
    const first = await acknowledge({ id: target.id });
    expect(first.body).toMatchObject({ status: 'action-successful', data: { notification: { id: target.id, acknowledged_at: t.clock.now().toISOString() } } });
    const firstTime = first.body.data.notification.acknowledged_at as string;

    t.clock.advanceSeconds(60);
    const again = await acknowledge({ id: target.id });
    expect(again.body.data.notification.acknowledged_at).toBe(firstTime);
    const row = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ id: target.id });
    expect(row.acknowledgedAt?.toISOString()).toBe(firstTime);

    const acknowledged = await index({ acknowledged: 'true' });
    expect(acknowledged.body.data).toMatchObject({ count: 1, results: [{ id: target.id }] });
    const open = await index({ acknowledged: '0' });
    expect(open.body.data.count).toBe(29);
  });

  it('names bad params', async () => {
    expect((await acknowledge({})).body.status).toBe('missing-param');
    expect((await acknowledge({ id: 999_999 })).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'not-found' }] });
    expect((await index({ acknowledged: 'maybe' })).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'acknowledged' }] });
    expect((await index({ 'page[size]': '500' })).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'page.size' }] });
  });

  it.each([
    ['an admin', { admin: true }, 200, 'action-successful'],
    ['an employee', { employee: true }, 200, 'action-successful'],
    ['a liaison', { liaisonFor: [] as number[] }, 403, 'permission-denied'],
    ['a client', { client: true }, 403, 'permission-denied'],
    ['a role-less user', {}, 401, 'client-required'],
  ])('role matrix: %s → %s %s on both routes', async (_who, roles, code, slug) => {
    const caller = await createUser(t, roles);
    const token = await tokenFor(t, caller);
    const target = (await index()).body.data.results[5] as { id: number };
    for (const call of [
      t.http.get('/api/v1/notifications/index'),
      t.http.post('/api/v1/notifications/acknowledge').send({ id: target.id }),
    ]) {
      const response = await call.set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(code);
      expect(response.body.status).toBe(slug);
      if (slug === 'client-required') expect(response.body.session).toMatchObject({ user_id: caller.user.id });
    }
  });

  it('no token → invalid-token', async () => {
    const response = await t.http.get('/api/v1/notifications/index');
    expect(response.status).toBe(401);
    expect(response.body.status).toBe('invalid-token');
  });
});
