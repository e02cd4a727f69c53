import { IsNull, Not } from 'typeorm';
import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { createUser, newCaller, newUserToken, type TestUserOptions } from './support/accounts.js';
import { notificationRows } from './support/notification-rows.js';
import { PipelineProbeModule } from './support/pipeline-probe.module.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';

const TOTAL = 30;
const requestIdOf = (n: number) => `tab-crash-${String(n).padStart(4, '0')}`;

/** notifications/index and notifications/acknowledge (CONTRACT.md §7, §11): the staff's production tab. */
describe('the notifications tab', () => {
  let t: TestApp;
  let staff: string;
  let start: Date;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule] });
    staff = await newUserToken(t, { employee: true });
    start = t.clock.now();
    // Two real crashes through the pipeline, more than the fold window apart (identical failures
    // within a minute fold into one notification), then enough recorded directly to need several
    // pages: notification n (n ≥ 2) is created n + 59 seconds after start (createdAt below).
    await t.http.get('/api/v1/probe/crash').set('X-Request-Id', requestIdOf(1)).expect(500);
    t.clock.advanceSeconds(61);
    await t.http.get('/api/v1/probe/crash').set('X-Request-Id', requestIdOf(2)).expect(500);
    const notifications = t.app.get(NotificationsService);
    for (let n = 3; n <= TOTAL; n += 1) {
      t.clock.advanceSeconds(1);
      await notifications.record({ kind: 'mandrill-email-failed', route: 'Clients Register API', requestId: requestIdOf(n), message: `Mandrill said no (${n})` });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  // Each test starts with every notification open, so any test runs alone (-t) or in any order.
  beforeEach(async () => {
    await t.dataSource.createQueryBuilder().update(NotificationEntity).set({ acknowledgedAt: null }).execute();
  });

  const rows = () => t.dataSource.getRepository(NotificationEntity);
  const rowByRequestId = (n: number) => rows().findOneByOrFail({ requestId: requestIdOf(n) });
  const secondsAfterStart = (seconds: number) => new Date(start.getTime() + seconds * 1000).toISOString();
  const createdAt = (n: number) => secondsAfterStart(n === 1 ? 0 : n + 59);
  const requestIds = (body: { data: { results: { request_id: string }[] } }) => body.data.results.map((n) => n.request_id);

  const index = (query: Record<string, string> = {}, token = staff) => getAs(t, '/api/v1/notifications/index', token, query);
  const acknowledge = (body: Record<string, unknown>, token = staff) => postAs(t, '/api/v1/notifications/acknowledge', token, body);

  describe('GET notifications/index', () => {
    it('answers the first 25, newest first, as views, with the total', async () => {
      const response = await index();
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('action-successful');
      expect(response.body.data.count).toBe(TOTAL);
      expect(requestIds(response.body)).toEqual(Array.from({ length: 25 }, (_, i) => requestIdOf(TOTAL - i)));
      const newest = await rowByRequestId(TOTAL);
      expect(response.body.data.results[0]).toEqual({
        id: newest.id,
        kind: 'mandrill-email-failed',
        route: 'Clients Register API',
        request_id: requestIdOf(TOTAL),
        message: `Mandrill said no (${TOTAL})`,
        count: 1,
        created_at: createdAt(TOTAL),
        last_seen_at: createdAt(TOTAL),
        acknowledged_at: null,
      });
    });

    it('lists what the pipeline recorded for a real crash', async () => {
      const response = await index({ 'page[size]': '2', 'page[number]': String(TOTAL / 2) });
      expect(response.body.data.count).toBe(TOTAL);
      expect(response.body.data.results).toEqual([
        expect.objectContaining({ request_id: requestIdOf(2), kind: 'application-crash', route: 'Probe Crash API', message: 'Error: boom: [sql] at [path]', created_at: createdAt(2) }),
        expect.objectContaining({ request_id: requestIdOf(1), kind: 'application-crash', route: 'Probe Crash API', created_at: createdAt(1) }),
      ]);
    });

    it('pages with page[size] and page[number]: no overlap, no gap, an empty page past the end', async () => {
      const pages = await Promise.all([1, 2, 3, 4].map((number) => index({ 'page[size]': '10', 'page[number]': String(number) })));
      for (const page of pages) expect(page.body.data.count).toBe(TOTAL);
      expect(pages.slice(0, 3).flatMap((page) => requestIds(page.body))).toEqual(Array.from({ length: TOTAL }, (_, i) => requestIdOf(TOTAL - i)));
      expect(requestIds(pages[2].body)).toEqual(Array.from({ length: 10 }, (_, i) => requestIdOf(10 - i)));
      expect(pages[3].body.data.results).toEqual([]);
      expect((await index({ 'page[size]': '100' })).body.data.results).toHaveLength(TOTAL);
    });

    it('refuses bad filter and page params with invalid-param naming each', async () => {
      for (const [query, param] of [
        [{ acknowledged: 'maybe' }, 'acknowledged'],
        [{ 'page[size]': '0' }, 'page.size'],
        [{ 'page[size]': '101' }, 'page.size'],
        [{ 'page[size]': 'ten' }, 'page.size'],
        [{ 'page[number]': '0' }, 'page.number'],
        [{ 'page[number]': '1.5' }, 'page.number'],
      ] as const) {
        const response = await index(query);
        expect({ query, status: response.status, body: response.body }).toMatchObject({
          query,
          status: 400,
          body: { status: 'invalid-param', errors: [{ param, problem: 'invalid' }] },
        });
      }
    });
  });

  describe('POST notifications/acknowledge', () => {
    it('sets acknowledged_at from the clock, on that row only', async () => {
      const target = await rowByRequestId(TOTAL);
      t.clock.advanceSeconds(600);
      const acknowledgedAt = t.clock.now().toISOString();

      const response = await acknowledge({ id: target.id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'action-successful',
        data: { notification: { id: target.id, request_id: requestIdOf(TOTAL), created_at: createdAt(TOTAL), acknowledged_at: acknowledgedAt } },
      });
      expect((await rowByRequestId(TOTAL)).acknowledgedAt?.toISOString()).toBe(acknowledgedAt);
      await expect(rows().countBy({ acknowledgedAt: Not(IsNull()) })).resolves.toBe(1);
    });

    it('is idempotent: acknowledging again keeps the first time', async () => {
      const target = await rowByRequestId(TOTAL);
      const firstTime = (await acknowledge({ id: target.id }).expect(200)).body.data.notification.acknowledged_at as string;
      expect(firstTime).toEqual(expect.any(String));
      t.clock.advanceSeconds(3600);

      const again = await acknowledge({ id: target.id });
      expect(again.status).toBe(200);
      expect(again.body.data.notification.acknowledged_at).toBe(firstTime);
      expect((await rowByRequestId(TOTAL)).acknowledgedAt?.toISOString()).toBe(firstTime);
    });

    it('filters the index: acknowledged=true/1 only those, false/0 only the open ones', async () => {
      await acknowledge({ id: (await rowByRequestId(TOTAL)).id }).expect(200);
      await acknowledge({ id: (await rowByRequestId(1)).id }).expect(200);
      const acknowledgedIds = [requestIdOf(TOTAL), requestIdOf(1)];

      for (const value of ['true', '1']) {
        const response = await index({ acknowledged: value });
        expect(response.body.data.count).toBe(2);
        expect(requestIds(response.body)).toEqual(acknowledgedIds);
        for (const notification of response.body.data.results) expect(notification.acknowledged_at).toEqual(expect.any(String));
      }
      for (const value of ['false', '0']) {
        const response = await index({ acknowledged: value });
        expect(response.body.data.count).toBe(TOTAL - 2);
        expect(requestIds(response.body)).toEqual(Array.from({ length: 25 }, (_, i) => requestIdOf(TOTAL - 1 - i)));
        for (const notification of response.body.data.results) expect(notification.acknowledged_at).toBeNull();
      }
      const filteredPage = await index({ acknowledged: 'false', 'page[size]': '25', 'page[number]': '2' });
      expect(requestIds(filteredPage.body)).toEqual(Array.from({ length: 3 }, (_, i) => requestIdOf(4 - i)));
      expect((await index({ acknowledged: '' })).body.data.count).toBe(TOTAL);
    });

    it('answers invalid-param not-found for an unknown id, changing nothing', async () => {
      const before = await rows().countBy({ acknowledgedAt: Not(IsNull()) });
      const response = await acknowledge({ id: 999_999 });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 'invalid-param', data: null, errors: [{ param: 'id', problem: 'not-found' }] });
      await expect(rows().countBy({ acknowledgedAt: Not(IsNull()) })).resolves.toBe(before);
    });

    it('answers missing-param without an id, and invalid-param for a malformed one', async () => {
      const missing = await acknowledge({});
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ status: 'missing-param', errors: [{ param: 'id', problem: 'missing' }] });
      for (const id of ['12', 'abc', 0, -1, 1.5, 2 ** 31]) {
        const response = await acknowledge({ id });
        expect({ id, status: response.status, body: response.body }).toMatchObject({
          id,
          status: 400,
          body: { status: 'invalid-param', errors: [{ param: 'id', problem: 'invalid' }] },
        });
      }
    });

    it('takes the token as a param as well as the header', async () => {
      const target = await rowByRequestId(2);
      const response = await t.http.post('/api/v1/notifications/acknowledge').send({ token: staff, id: target.id });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { notification: { id: target.id } } });
      const listed = await t.http.get('/api/v1/notifications/index').query({ token: staff, acknowledged: 'true' });
      expect(requestIds(listed.body)).toEqual([requestIdOf(2)]);
    });
  });

  describe('who may use the tab', () => {
    let linkedClientId: number;

    beforeAll(async () => {
      linkedClientId = (await createUser(t, { client: true })).clientId ?? 0;
    });

    const allowed: [string, TestUserOptions][] = [
      ['an admin employee', { admin: true }],
      ['an employee', { employee: true }],
    ];
    it.each(allowed)('%s may list and acknowledge', async (_who, roles) => {
      const token = await newUserToken(t, roles);
      const target = await rowByRequestId(3);
      const listed = await index({}, token);
      expect(listed.status).toBe(200);
      expect(listed.body.data.count).toBe(TOTAL);
      const acknowledged = await acknowledge({ id: target.id }, token);
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.data.notification.id).toBe(target.id);
    });

    const denied: [string, () => TestUserOptions][] = [
      ['a client', () => ({ client: true })],
      ['a liaison', () => ({ liaisonFor: [linkedClientId] })],
    ];
    it.each(denied)('%s gets permission-denied 403 on both routes, and changes nothing', async (_who, roles) => {
      const token = await newUserToken(t, roles());
      const target = await rowByRequestId(5);
      for (const response of [await index({}, token), await acknowledge({ id: target.id }, token)]) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ status: 'permission-denied', data: null });
      }
      expect((await rowByRequestId(5)).acknowledgedAt).toBeNull();
    });

    it('a user with no role gets client-required 401 on both routes, with the session in the envelope', async () => {
      const { user: caller, token } = await newCaller(t);
      const target = await rowByRequestId(5);
      for (const response of [await index({}, token), await acknowledge({ id: target.id }, token)]) {
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ status: 'client-required', data: null, session: { user_id: caller.user.id, application: 'planoauth' } });
      }
      expect((await rowByRequestId(5)).acknowledgedAt).toBeNull();
    });

    it('no token, or an unknown one, gets invalid-token 401 on both routes', async () => {
      const target = await rowByRequestId(5);
      for (const response of [
        await t.http.get('/api/v1/notifications/index'),
        await t.http.post('/api/v1/notifications/acknowledge').send({ id: target.id }),
        await index({}, 'not-a-real-token'),
        await acknowledge({ id: target.id }, 'not-a-real-token'),
      ]) {
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ status: 'invalid-token', data: null, session: null });
      }
      expect((await rowByRequestId(5)).acknowledgedAt).toBeNull();
    });
  });
});

describe('identical failures fold into one notification (CONTRACT.md §12)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule] });
  });

  afterAll(async () => {
    await t.close();
  });

  const crash = (requestId: string) => t.http.get('/api/v1/probe/crash').set('X-Request-Id', requestId).expect(500);

  it('counts repeats within a minute on the first one, with last_seen_at; a repeat after the minute starts a new one', async () => {
    t.clock.advanceSeconds(61);
    const before = (await notificationRows(t)).length;
    const first = t.clock.now();
    await crash('fold-req-1');
    t.clock.advanceSeconds(10);
    await Promise.all([crash('fold-req-2'), crash('fold-req-3'), crash('fold-req-4')]);
    t.clock.advanceSeconds(40);
    await crash('fold-req-5');
    let rows = (await notificationRows(t)).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ requestId: 'fold-req-1', count: 5, createdAt: first, lastSeenAt: new Date(first.getTime() + 50_000) });

    t.clock.advanceSeconds(11); // 61 s after the first: outside its window
    await crash('fold-req-6');
    rows = (await notificationRows(t)).slice(before);
    expect(rows.map((row) => [row.requestId, row.count])).toEqual([
      ['fold-req-1', 5],
      ['fold-req-6', 1],
    ]);
  });

  it('does not fold into an acknowledged notification, nor across different messages', async () => {
    t.clock.advanceSeconds(61);
    await crash('fold-req-6b');
    const [latest] = await t.dataSource.getRepository(NotificationEntity).find({ order: { id: 'DESC' }, take: 1 });
    await t.app.get(NotificationsService).acknowledge(latest.id);
    await crash('fold-req-7');
    await t.app.get(NotificationsService).record({ kind: 'application-crash', route: 'Probe Crash API', requestId: 'fold-req-8', message: 'something else' });
    const rows = await notificationRows(t);
    expect(rows.slice(-2).map((row) => [row.requestId, row.count])).toEqual([
      ['fold-req-7', 1],
      ['fold-req-8', 1],
    ]);
  });
});
