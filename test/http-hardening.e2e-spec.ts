import { STATUS_CATALOGUE } from '../src/common/status/status-catalogue.js';
import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import { createUser, newUserToken, signIn } from './support/accounts.js';
import { envelopeOf, exchangeRaw, rawRequest, type RawExchange } from './support/http-raw.js';
import { SlowProbeModule } from './support/http-slow-probe.module.js';
import { PipelineProbeModule } from './support/pipeline-probe.module.js';
import { ensureBuilt, startInstance, type ServerInstance } from './support/server-instances.js';
import { createTestDatabase, testEngine, type TestDatabase } from './support/test-database.js';
import { createTestApp, getAs, type TestApp } from './support/test-app.js';

/*
 * Hostile HTTP (CONTRACT.md §12): what Node's parser rejects still gets the envelope, a body or a
 * head that stalls is dropped after REQUEST_TIMEOUT_MS, and no API response may be cached.
 */

const HOST = 'Host: 127.0.0.1';

/** The one answer every request the HTTP parser refuses gets, whatever was wrong with it. */
function expectMalformedAnswer(exchange: RawExchange): string {
  expect(exchange.closed).toBe(true);
  expect(exchange.answer).not.toBeNull();
  const answer = exchange.answer!;
  expect(answer.http).toBe(400);
  expect(answer.headers).toMatchObject({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
    'content-length': String(Buffer.byteLength(answer.body)),
  });
  const body = envelopeOf(answer);
  expect(body).toEqual({
    status: 'invalid-encoded-params',
    message: STATUS_CATALOGUE['invalid-encoded-params'].message,
    data: null,
    session: null,
    errors: null,
    request_id: answer.headers['x-request-id'],
  });
  expect(body?.request_id).toMatch(/^[A-Za-z0-9._:@-]{8,128}$/);
  return body?.request_id as string;
}

describe(`malformed HTTP (${testEngine()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a garbage request line', 'NOT AN HTTP REQUEST LINE\r\n\r\n'],
    ['an HTTP version that does not exist', rawRequest('GET /health HTTP/7.3', [HOST])],
    ['a NUL in a header value', rawRequest('GET /health HTTP/1.1', [HOST, 'X-Note: a\u0000b'])],
    ['headers over the 16 KiB limit', rawRequest('GET /health HTTP/1.1', [HOST, `X-Padding: ${'a'.repeat(17 * 1024)}`])],
    ['a space in a header name', rawRequest('GET /health HTTP/1.1', [HOST, 'X Note: 1'])],
    ['a character no header name may hold', rawRequest('GET /health HTTP/1.1', [HOST, 'X-N{o}te: 1'])],
    ['a control character in a header value', rawRequest('GET /health HTTP/1.1', [HOST, 'X-Note: a\u0001b'])],
    ['two Content-Length headers that disagree', rawRequest('POST /api/v1/sessions/create HTTP/1.1', [HOST, 'Content-Length: 1', 'Content-Length: 2'], 'ab')],
    ['a Content-Length that is not a number', rawRequest('POST /api/v1/sessions/create HTTP/1.1', [HOST, 'Content-Length: ten'], '0123456789')],
  ])('%s → invalid-encoded-params 400 in the envelope, then the connection closes', async (_case, bytes) => {
    expectMalformedAnswer(await exchangeRaw(t.url, bytes));
  });

  it('gives every refused request a fresh request id, whatever X-Request-Id it sent', async () => {
    const bad = rawRequest('GET /health HTTP/1.1', [HOST, 'X-Request-Id: caller-chosen-id-123', 'X-Note: a\u0000b']);
    const first = expectMalformedAnswer(await exchangeRaw(t.url, bad));
    const second = expectMalformedAnswer(await exchangeRaw(t.url, bad));
    expect(first).not.toBe('caller-chosen-id-123');
    expect(first).not.toBe(second);
  });

  it('answers a good request on the connection in full before refusing the bad one after it', async () => {
    const good = rawRequest('GET /health HTTP/1.1', [HOST]);
    const exchange = await exchangeRaw(t.url, [good, 200, 'GARBAGE\r\n\r\n']);
    expect(exchange.closed).toBe(true);
    expect(exchange.answer?.http).toBe(200);
    // The health answer, then the envelope for the garbage.
    expect(exchange.answer?.body).toContain('"status":"action-successful"');
    expect(exchange.answer?.body).toContain('"status":"invalid-encoded-params"');
  });

  it('records no notification, and the server goes on serving', async () => {
    await exchangeRaw(t.url, 'NOT AN HTTP REQUEST LINE\r\n\r\n');
    await exchangeRaw(t.url, rawRequest('GET /health HTTP/1.1', [HOST, 'X-Note: a\u0000b']));
    await expect(t.dataSource.getRepository(NotificationEntity).count()).resolves.toBe(0);
    expect((await t.http.get('/health')).status).toBe(200);
  });
});

describe(`stalled requests, REQUEST_TIMEOUT_MS=1000 (${testEngine()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule, SlowProbeModule], env: { REQUEST_TIMEOUT_MS: '1000' } });
  });

  afterAll(async () => {
    await t.close();
  });

  // Node checks request deadlines on an interval (30 s unless the server says otherwise): far past
  // this bound if the app left it alone, so the bound tests the interval as well as the timeout.
  const DROPPED_WITHIN_MS = 5000;

  it('drops a body that stops short of its Content-Length, answering the envelope first', async () => {
    const head = rawRequest('POST /api/v1/probe/echo HTTP/1.1', [HOST, 'Content-Type: application/json', 'Content-Length: 100', 'X-Request-Id: stalled-body-0001'], '{"name":"a');
    const exchange = await exchangeRaw(t.url, head, { waitMs: 15_000 });
    expect(exchange.closed).toBe(true);
    expect(exchange.ms).toBeLessThan(DROPPED_WITHIN_MS);
    expect(exchange.ms).toBeGreaterThanOrEqual(900);
    // The request had been given its id when the body began: the answer and its log line share it.
    expect(expectMalformedAnswer(exchange)).toBe('stalled-body-0001');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the aborted request's pipeline settles
    expect(t.logs.requestLines().filter((line) => line.request_id === 'stalled-body-0001')).toEqual([
      expect.objectContaining({ path: '/api/v1/probe/echo', status: 'invalid-encoded-params', http: 400 }),
    ]);
  });

  it('drops a head that never ends (slowloris)', async () => {
    const exchange = await exchangeRaw(t.url, `POST /api/v1/probe/echo HTTP/1.1\r\n${HOST}\r\nX-Slow: a`, { waitMs: 15_000 });
    expect(exchange.closed).toBe(true);
    expect(exchange.ms).toBeLessThan(DROPPED_WITHIN_MS);
    expectMalformedAnswer(exchange);
  });

  it('lets a slow body through when it arrives within the limit', async () => {
    const body = JSON.stringify({ name: 'slow but steady' });
    const head = rawRequest('POST /api/v1/probe/echo HTTP/1.1', [HOST, 'Content-Type: application/json', `Content-Length: ${body.length}`, 'Connection: close']);
    const exchange = await exchangeRaw(t.url, [head, body.slice(0, 5), 300, body.slice(5)]);
    expect(exchange.answer?.http).toBe(200);
    expect(envelopeOf(exchange.answer)).toMatchObject({ status: 'action-successful', data: { name: 'slow but steady' } });
  });

  it('never cuts a request whose body has arrived, however long its handler takes', async () => {
    const response = await t.http.post('/api/v1/slow_probe/wait').send({ ms: 2500 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'action-successful', data: { waited_ms: 2500 } });
  });

  it('records no notification for a dropped request', async () => {
    await exchangeRaw(t.url, rawRequest('POST /api/v1/probe/echo HTTP/1.1', [HOST, 'Content-Type: application/json', 'Content-Length: 50'], '{'), { waitMs: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the aborted request's pipeline settles
    await expect(t.dataSource.getRepository(NotificationEntity).count()).resolves.toBe(0);
  });
});

describe(`the built server honours REQUEST_TIMEOUT_MS and answers malformed HTTP (${testEngine()})`, () => {
  let database: TestDatabase;
  let server: ServerInstance;

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase();
    server = await startInstance(database, { REQUEST_TIMEOUT_MS: '1000' });
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    await database?.drop();
  });

  it('drops a stalled body within seconds', async () => {
    const head = rawRequest('POST /api/v1/sessions/create HTTP/1.1', [HOST, 'Content-Type: text/plain', 'Content-Length: 100'], 'eyJlbWFp');
    const exchange = await exchangeRaw(server.url, head, { waitMs: 15_000 });
    expect(exchange.closed).toBe(true);
    expect(exchange.ms).toBeLessThan(5000);
    expectMalformedAnswer(exchange);
  });

  it('answers a garbage request line with the envelope', async () => {
    expectMalformedAnswer(await exchangeRaw(server.url, 'NOT AN HTTP REQUEST LINE\r\n\r\n'));
  });
});

describe(`Cache-Control: no-store on every API response (${testEngine()})`, () => {
  let t: TestApp;
  let roleless: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule], env: { BODY_LIMIT_BYTES: '1024' } });
    roleless = await newUserToken(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['GET /health (action-successful 200)', 200, () => t.http.get('/health')],
    ['sessions/create (action-successful 200)', 200, async () => {
      const user = await createUser(t);
      return signIn(t, { email: user.email, password: user.password, application: 'planoauth' });
    }],
    ['sessions/read without a token (invalid-token 401)', 401, () => t.http.get('/api/v1/sessions/read')],
    ['a route that does not exist (route-non-existent 500)', 500, () => t.http.get('/api/v1/nowhere/at_all')],
    ['a body of another content type (invalid-content-type 400)', 400, () => t.http.post('/api/v1/probe/echo').set('Content-Type', 'text/xml').send('<a/>')],
    ['a body over the limit (payload-too-large 413)', 413, () => t.http.post('/api/v1/probe/echo').send({ name: 'x'.repeat(4096) })],
    ['a missing param (missing-param 400)', 400, () => t.http.get('/api/v1/probe/params')],
    ['a crash (application-crash 500)', 500, () => t.http.get('/api/v1/probe/crash')],
    ['a browser sent on by XSO (302 redirect)', 302, () => getAs(t, '/api/v1/xso/capture_client', roleless, { client_id: 1 }).set('Accept', 'text/html')],
  ])('%s', async (_case, http, send) => {
    const response = await send();
    expect(response.status).toBe(http);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
