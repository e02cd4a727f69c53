import pg from 'pg';
import { DatabaseProxy } from './support/database-proxy.js';
import { msUntil } from './support/polling.js';
import { ADMIN, call, serverInstancesPerTest, signInOver } from './support/server-instances.js';
import { testEngine } from './support/test-database.js';

/*
 * PostgreSQL faults (CONTRACT.md §12): a saturated pool and a held lock end in fast
 * application-crash answers, never a hang; a database outage fails requests fast, logs no stack
 * per request, recovers without a restart and leaves one notification. SQLite is embedded in the
 * process: it has no pool, no server to stop and no network between, so these do not apply to it.
 */
const describeOnPostgres = testEngine() === 'postgres' ? describe : describe.skip;

describeOnPostgres('PostgreSQL faults, real server processes', () => {
  const instances = serverInstancesPerTest();

  it('a lock held outside the app: the statement times out, a request waiting for the only connection gives up, the instance recovers', async () => {
    const instance = await instances.start({
      DATABASE_POOL_SIZE: '1',
      DATABASE_POOL_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      REGISTRY_POLL_INTERVAL_MS: '60000',
    });
    const token = await signInOver(instance.url, ADMIN.email, ADMIN.password);
    const locker = new pg.Client({ connectionString: instances.database().url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      const holding = call(instance.url, 'GET', '/api/v1/sessions/read', { token }); // takes the only connection, waits on the lock
      await new Promise((resolve) => setTimeout(resolve, 200));
      const waiting = await call(instance.url, 'GET', '/api/v1/sessions/read', { token });
      expect(waiting).toMatchObject({ http: 500, body: { status: 'application-crash' } });
      expect(waiting.ms).toBeLessThan(1400); // the pool timeout (500 ms), not the statement's
      const held = await holding;
      expect(held).toMatchObject({ http: 500, body: { status: 'application-crash' } });
      expect(held.ms).toBeGreaterThanOrEqual(1400);
      expect(held.ms).toBeLessThan(5000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await call(instance.url, 'GET', '/api/v1/sessions/read', { token })).body.status).toBe('action-successful');
    expect((await call(instance.url, 'GET', '/health')).http).toBe(200);
  }, 120_000);

  it('every route that writes in a transaction works with a pool of one connection (no transaction waits for a second)', async () => {
    // With one connection, a query inside a transaction that used another connection would wait
    // for the pool until DATABASE_POOL_TIMEOUT_MS and fail: each call here would answer application-crash.
    const instance = await instances.start({ DATABASE_POOL_SIZE: '1', DATABASE_POOL_TIMEOUT_MS: '2000', REGISTRY_POLL_INTERVAL_MS: '60000' });
    const url = instance.url;
    const admin = await signInOver(url, ADMIN.email, ADMIN.password);
    const ok = async (answer: Promise<{ body: { status: string; data: Record<string, unknown> | null } }>) => {
      const { body } = await answer;
      expect(body.status).toBe('action-successful');
      return body.data as Record<string, any>;
    };
    const registered = await ok(
      call(url, 'POST', '/api/v1/clients/register', { sensitive: { application: 'planoorder', client: { email: 'one@example.com', password: 'a-long-password', first_name: 'O', last_name: 'N' } } }),
    );
    await ok(call(url, 'POST', '/api/v1/users/register', { sensitive: { email: 'two@example.com', password: 'a-long-password', first_name: 'T', last_name: 'W' } }));
    await ok(call(url, 'POST', '/api/v1/employees/create', { token: admin, sensitive: { email: 'three@example.com', password: 'a-long-password', first_name: 'T', last_name: 'H' } }));
    const liaison = await ok(
      call(url, 'POST', '/api/v1/liaisons/create', { token: admin, sensitive: { email: 'four@example.com', password: 'a-long-password', first_name: 'F', last_name: 'O', client_ids: [registered.client.id] } }),
    );
    await ok(call(url, 'PUT', '/api/v1/liaisons/update', { token: admin, json: { id: liaison.liaison.id, client_ids: [] } }));
    const capture = await ok(call(url, 'POST', '/api/v1/applications/create_token', { token: admin, json: { application: 'capture' } }));
    const handoff = await ok(call(url, 'GET', '/api/v1/xso/capture_client', { token: registered.token, query: { client_id: registered.client.id } }));
    await ok(call(url, 'POST', '/api/v1/xso/redeem', { token: capture.token, json: { code: handoff.code } }));
    const routes = await ok(call(url, 'GET', '/api/v1/routes/index', { token: admin }));
    const ordersRoute = (routes.results as Array<{ id: number; path: string }>).find((route) => route.path === '/api/v1/orders/index');
    await ok(call(url, 'PUT', '/api/v1/routes/update', { token: admin, json: { id: ordersRoute!.id, deployed: true } }));
  }, 120_000);

  it('the database goes away and comes back: fast failures, no stack per request, recovery without restart, one outage notification', async () => {
    const target = new URL(instances.database().url);
    const proxy = new DatabaseProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.up();
    try {
      const instance = await instances.start({ DATABASE_URL: proxy.proxiedUrl(instances.database().url), DATABASE_POOL_TIMEOUT_MS: '2000' });
      const token = await signInOver(instance.url, ADMIN.email, ADMIN.password);
      const before = instance.process.output().length;

      await proxy.down();
      const failures = [];
      for (let round = 0; round < 10; round += 1) {
        failures.push(...(await Promise.all(Array.from({ length: 3 }, () => call(instance.url, 'GET', '/api/v1/sessions/read', { token, timeoutMs: 10_000 })))));
      }
      const slowestFailureMs = Math.max(...failures.map((answer) => answer.ms));
      expect(failures.map((answer) => answer.body.status)).toEqual(Array(30).fill('application-crash'));
      expect(slowestFailureMs).toBeLessThan(2500);
      const outageLog = instance.process.output().slice(before);
      expect(outageLog).not.toMatch(/\n\s+at /); // no stack traces
      expect(outageLog.match(/database unavailable/g)).toHaveLength(1);

      await proxy.up();
      const recoveredMs = await msUntil(
        async () => (await call(instance.url, 'GET', '/api/v1/sessions/read', { token, timeoutMs: 5000 })).body.status === 'action-successful',
        { giveUpAfterMs: 20_000, everyMs: 100 },
      );
      expect(recoveredMs).toBeLessThan(Number.POSITIVE_INFINITY);

      // The probe records the outage within a second or so of the database coming back.
      let outages: Array<{ kind: string; message: string; count: number }> = [];
      await msUntil(
        async () => {
          const tab = await call(instance.url, 'GET', '/api/v1/notifications/index', { token });
          outages = ((tab.body.data as { results: typeof outages } | null)?.results ?? []).filter((n) => n.message.startsWith('Database outage'));
          return outages.length > 0;
        },
        { giveUpAfterMs: 10_000, everyMs: 100 },
      );
      process.stdout.write(`database outage: 30 requests failed, slowest ${slowestFailureMs.toFixed(0)} ms; recovered ${recoveredMs.toFixed(0)} ms after the database came back\n`);
      expect(outages).toHaveLength(1);
      expect(outages[0]).toMatchObject({ kind: 'application-crash', count: 1 });
      expect(outages[0].message).toContain('30 request(s) failed');
      expect((await call(instance.url, 'GET', '/health')).http).toBe(200);
    } finally {
      await proxy.down();
    }
  }, 120_000);
});
