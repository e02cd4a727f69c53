import { request as httpRequest } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module.js';
import { configureApp, createHttpAdapter } from '../src/app.setup.js';
import { LOG_DESTINATION } from '../src/common/logging/logger.js';
import { ensureBuilt } from './support/server-instances.js';
import { createUser, newUserToken, tokenFor } from './support/accounts.js';
import { MandrillStandIn } from './support/mandrill-stand-in.js';
import { recordStatements } from './support/claims-statement-recorder.js';
import { UnnamedRouteModule } from './support/claims-unnamed-route.module.js';
import { LogCapture } from './support/log-capture.js';
import { freePort, startServerProcess, waitForOutput } from './support/server-process.js';
import { createTestDatabase, testEngine, type TestDatabase } from './support/test-database.js';
import { createTestApp, encodeParams, getAs, type TestApp } from './support/test-app.js';

/*
 * Claims the README makes about how the code keeps the contract, each checked here the way it
 * could turn out false: by counting what the database is asked, by booting an app that breaks the
 * rule, and by stopping a real server process in the middle of a request.
 */

/** One `sessions/read` with the token, under a request id of our own, and the statements it caused. */
async function readCounted(app: TestApp, token: string, requestId: string) {
  const recorder = recordStatements(app.dataSource, app.app.getHttpServer());
  try {
    const response = await getAs(app, '/api/v1/sessions/read', token).set('X-Request-Id', requestId);
    return { response, statements: recorder.of(requestId) };
  } finally {
    recorder.stop();
  }
}

describe(`README: "the token check is one SQL query" (${testEngine()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    // The database path itself: no answer from the token cache (it has its own claim below).
    t = await createTestApp({ env: { SESSION_CACHE_TTL_MS: '0' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('reads session, user, application and every role in one query when no touch is due', async () => {
    // Two roles, so that roles coming from separate queries would show.
    const user = await createUser(t, { client: true, employee: true });
    const token = await tokenFor(t, user, 'planoorder');
    // A first use at the same instant: connections and prepared statements are warm, and
    // last_used_at (written at sign-in) is not due for a touch for another interval.
    expect((await getAs(t, '/api/v1/sessions/read', token)).body.status).toBe('action-successful');

    const { response, statements } = await readCounted(t, token, 'claims-one-query-read');
    expect(response.body).toMatchObject({
      status: 'action-successful',
      data: { user: { id: user.user.id }, roles: { client_id: user.clientId, employee_id: expect.any(Number), admin: false } },
      session: { application: 'planoorder', user_id: user.user.id },
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/\bsessions\b[\s\S]*\btoken_hash\b/);
  });

  it('(the counter itself) sees the second statement when the touch interval has passed', async () => {
    const token = await newUserToken(t, { client: true });
    t.clock.advanceSeconds(61); // past SESSION_TOUCH_INTERVAL_SECONDS (60): last_used_at is written
    const { response, statements } = await readCounted(t, token, 'claims-touch-due-read');
    expect(response.body.status).toBe('action-successful');
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/UPDATE\s+"?sessions"?/i);
  });
});

describe(`README: "or none when this instance answered the same token within SESSION_CACHE_TTL_MS" (${testEngine()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_CACHE_TTL_MS: '1000' } }); // the maximum: room for a slow machine
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers a repeat from memory, and reads the database again once a request that may write has run', async () => {
    const token = await newUserToken(t, { client: true });
    const outcome = async (requestId: string) => {
      const { response, statements } = await readCounted(t, token, requestId);
      return { status: response.body.status as string, statements };
    };
    expect(await outcome('claims-cache-first')).toEqual({ status: 'action-successful', statements: [expect.stringMatching(/token_hash/)] });
    expect(await outcome('claims-cache-repeat')).toEqual({ status: 'action-successful', statements: [] });

    // Any POST (here one that fails validation) may have changed what the check reads: the next read goes to the database.
    expect((await t.http.post('/api/v1/sessions/revoke').set('Authorization', `Bearer ${token}`).send({ id: 'x' })).body.status).toBe('invalid-param');
    expect(await outcome('claims-cache-after-post')).toEqual({ status: 'action-successful', statements: [expect.stringMatching(/token_hash/)] });
  });
});

describe(`README: "a route without @RouteName stops the app at start" (${testEngine()})`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('refuses to start, naming the route that has no name', async () => {
    const logs = new LogCapture();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url; // the config namespaces read it while the module compiles
    let app: NestExpressApplication | undefined;
    try {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule, UnnamedRouteModule] })
        .overrideProvider(LOG_DESTINATION)
        .useValue(logs.stream)
        .compile();
      app = moduleRef.createNestApplication<NestExpressApplication>(createHttpAdapter(), { bodyParser: false });
      configureApp(app);
      await expect(app.listen(0, '127.0.0.1')).rejects.toThrow(/GET \/api\/v1\/claims_probe\/unnamed\).*has no @RouteName/);
      expect(app.getHttpServer().listening).toBe(false);
    } finally {
      process.env.DATABASE_URL = saved;
      await app?.close(); // closes the database connection the half-started app opened
    }
  });
});

describe(`README: "in-flight requests finish on SIGTERM" (${testEngine()})`, () => {
  let database: TestDatabase;
  let mandrill: MandrillStandIn;

  beforeAll(() => {
    ensureBuilt();
  }, 120_000);

  beforeEach(async () => {
    database = await createTestDatabase();
    mandrill = new MandrillStandIn();
    mandrill.mode = 'hang'; // holds each send until release()
    await mandrill.start();
  });

  afterEach(async () => {
    await mandrill.stop();
    await database.drop();
  });

  it('answers a registration caught mid-send in full after SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const server = startServerProcess('node', ['dist/src/main.js'], {
      PORT: String(port),
      DATABASE_URL: database.url,
      EMAIL_TRANSPORT: 'mandrill',
      MANDRILL_API_KEY: 'md-claims-test-key',
      MANDRILL_BASE_URL: mandrill.baseUrl,
    });
    let terminated = false;
    try {
      await waitForOutput(server, (output) => output.includes('"msg":"listening"'));

      // The registration's welcome email reaches the stand-in, which holds it: the request is now
      // in flight inside its handler, with its writes made and its answer not yet sent.
      const answer = postSensitiveOverOwnConnection(port, '/api/v1/clients/register', {
        application: 'planoorder',
        client: { email: 'mid-shutdown@example.com', password: 'Shutdown-Pa55word', first_name: 'Sig', last_name: 'Term' },
      });
      answer.catch(() => undefined); // awaited below; a failure before then must not count as unhandled
      await Promise.race([
        mandrill.received(1),
        server.exited.then(() => Promise.reject(new Error(`the server exited before the send; it said:\n${server.output()}`))),
      ]);

      server.signal('SIGTERM');
      terminated = true;
      await waitForOutput(server, (output) => output.includes('"msg":"shutting down"'), 10_000);
      // A moment for a shutdown that did not wait to show itself: the process would be gone.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.child.exitCode).toBeNull();

      mandrill.release('sent');
      const { status, body } = await answer;
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'action-successful',
        data: { token: expect.any(String), client: { email: 'mid-shutdown@example.com' } },
        session: { application: 'planoorder' },
        errors: null,
        request_id: expect.any(String),
      });
    } finally {
      // Once only: the server stops gracefully on the first signal; a second one is the default
      // action (kill), as a process manager's would be.
      if (!terminated) server.signal('SIGTERM');
      mandrill.release('sent');
    }
    await expect(server.exited).resolves.toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  }, 60_000);
});

/**
 * A sensitive-params POST over a connection of its own (`Connection: close`), so the server's
 * shutdown never has to wait out an idle keep-alive socket of ours, and a dropped connection
 * rejects instead of being retried.
 */
function postSensitiveOverOwnConnection(port: number, path: string, params: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = encodeParams(params);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(payload) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
