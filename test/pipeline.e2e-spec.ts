import { jest } from '@jest/globals';
import { RouteCatalog } from '../src/common/routing/route-catalog.js';
import { ENVELOPE_KEYS } from './support/envelope.js';
import { notificationRows } from './support/notification-rows.js';
import { CRASH_DETAIL, PipelineProbeModule } from './support/pipeline-probe.module.js';
import { createTestApp, postEncoded, postSensitive, type TestApp } from './support/test-app.js';

/** The request pipeline through HTTP: each transport status, the envelope, the request id. */
describe('request pipeline', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });

  afterAll(async () => {
    await t.close();
  });

  function expectEnvelope(body: Record<string, unknown>, status: string) {
    expect(Object.keys(body).sort()).toEqual(ENVELOPE_KEYS);
    expect(body.status).toBe(status);
    expect(typeof body.message).toBe('string');
    expect(typeof body.request_id).toBe('string');
  }

  describe('success', () => {
    it('wraps the payload in the envelope with action-successful 200', async () => {
      const response = await t.http.get('/api/v1/probe/params').query({ name: 'acme', count: '3' });
      expect(response.status).toBe(200);
      expectEnvelope(response.body, 'action-successful');
      expect(response.body).toMatchObject({ data: { name: 'acme', count: 3 }, session: null, errors: null });
    });

    it('reads a JSON body sent as application/json or as text/plain', async () => {
      const asJson = await t.http.post('/api/v1/probe/echo').send({ name: 'json', count: 2 });
      expect(asJson.status).toBe(200);
      expect(asJson.body.data).toEqual({ name: 'json', count: 2 });

      const asText = await t.http.post('/api/v1/probe/echo').set('Content-Type', 'text/plain').send('{"name":"text"}');
      expect(asText.status).toBe(200);
      expect(asText.body.data).toEqual({ name: 'text', count: null });
    });

    it('decodes a base64 JSON body on a sensitive-params route', async () => {
      const response = await postSensitive(t, '/api/v1/probe/sensitive', undefined, { email: 'ada@example.com', password: 'correct horse' });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ email: 'ada@example.com' });
    });

    it('drops params the route does not declare', async () => {
      const response = await t.http.post('/api/v1/probe/echo').send({ name: 'x', colour: 'blue', admin: true });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ name: 'x', count: null });
    });
  });

  describe('X-Request-Id', () => {
    it('echoes a sane incoming id in the header and the envelope', async () => {
      const response = await t.http.get('/api/v1/probe/params?name=a').set('X-Request-Id', 'trace-1234.abcd');
      expect(response.headers['x-request-id']).toBe('trace-1234.abcd');
      expect(response.body.request_id).toBe('trace-1234.abcd');
    });

    it('replaces an id that is not sane with a generated one', async () => {
      const response = await t.http.get('/api/v1/probe/params?name=a').set('X-Request-Id', 'bad id <script>');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body.request_id).toBe(response.headers['x-request-id']);
    });

    it('generates one when none is sent, also on failures', async () => {
      const response = await t.http.get('/api/v1/nowhere');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body.request_id).toBe(response.headers['x-request-id']);
    });
  });

  describe('route-non-existent', () => {
    it.each([
      ['GET', '/api/v1/nothing/here'],
      ['POST', '/api/v1/probe/params'],
      ['DELETE', '/api/v1/probe/echo'],
      ['GET', '/'],
    ])('%s %s → 500 in the envelope', async (method, path) => {
      const response = await t.http[method.toLowerCase() as 'get'](path);
      expect(response.status).toBe(500);
      expectEnvelope(response.body, 'route-non-existent');
    });
  });

  describe('invalid-content-type', () => {
    it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png'])(
      '%s → 400',
      async (contentType) => {
        const response = await t.http.post('/api/v1/probe/echo').set('Content-Type', contentType).send('name=x');
        expect(response.status).toBe(400);
        expectEnvelope(response.body, 'invalid-content-type');
      },
    );

    it('is checked before the route is identified', async () => {
      const response = await t.http.post('/api/v1/nothing').set('Content-Type', 'application/xml').send('<a/>');
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('invalid-content-type');
    });

    it('refuses a charset it cannot read', async () => {
      const response = await t.http
        .post('/api/v1/probe/echo')
        .set('Content-Type', 'application/json; charset=klingon')
        .send('{"name":"x"}');
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('invalid-content-type');
    });
  });

  describe('payload-too-large', () => {
    it('answers 413 over BODY_LIMIT_BYTES, and accepts a body at the limit', async () => {
      const over = await t.http.post('/api/v1/probe/echo').send({ name: 'x'.repeat(2100) });
      expect(over.status).toBe(413);
      expectEnvelope(over.body, 'payload-too-large');

      const under = await t.http.post('/api/v1/probe/echo').send({ name: 'x'.repeat(1900) });
      expect(under.status).toBe(200);
    });
  });

  describe('invalid-encoded-params', () => {
    it('refuses plain JSON on a sensitive route (application/json)', async () => {
      const response = await t.http.post('/api/v1/probe/sensitive').send({ email: 'ada@example.com', password: 'correct horse' });
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'invalid-encoded-params');
    });

    it('refuses plain JSON on a sensitive route (text/plain)', async () => {
      const response = await postEncoded(t, '/api/v1/probe/sensitive', undefined, '{"email":"ada@example.com","password":"correct horse"}');
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('invalid-encoded-params');
    });

    it.each([
      ['bad base64', '%%%not-base64%%%'],
      ['base64 of non-JSON', Buffer.from('email=ada&password=x').toString('base64')],
      ['base64 of bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0x7b, 0x7d]).toString('base64')],
    ])('refuses %s', async (_case, body) => {
      const response = await postEncoded(t, '/api/v1/probe/sensitive', undefined, body);
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('invalid-encoded-params');
    });

    it('refuses malformed JSON on an ordinary route', async () => {
      const response = await t.http.post('/api/v1/probe/echo').set('Content-Type', 'application/json').send('{"name": ');
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'invalid-encoded-params');
    });
  });

  describe('no-params-decoded', () => {
    it.each([
      ['{}', {}],
      ['[]', []],
      ['"x"', 'x'],
      ['42', 42],
      ['null', null],
    ])('base64 of %s on a sensitive route → 400', async (_label, value) => {
      const response = await postSensitive(t, '/api/v1/probe/sensitive', undefined, value);
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'no-params-decoded');
    });

    it('a sensitive route with no body at all → 400', async () => {
      const response = await t.http.post('/api/v1/probe/sensitive');
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('no-params-decoded');
    });

    it('a JSON array on an ordinary route → 400', async () => {
      const response = await t.http.post('/api/v1/probe/echo').send([{ name: 'x' }]);
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('no-params-decoded');
    });
  });

  describe('missing-param and invalid-param', () => {
    it('names a missing param', async () => {
      const response = await t.http.get('/api/v1/probe/params');
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'missing-param');
      expect(response.body.errors).toEqual([{ param: 'name', problem: 'missing', message: 'name is required' }]);
    });

    it('treats an empty value as missing', async () => {
      const response = await t.http.get('/api/v1/probe/params?name=');
      expect(response.body.status).toBe('missing-param');
    });

    it('names an invalid param', async () => {
      const response = await t.http.get('/api/v1/probe/params').query({ name: 'a', count: 'lots' });
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'invalid-param');
      expect(response.body.errors).toEqual([
        { param: 'count', problem: 'invalid', message: expect.stringContaining('count') },
      ]);
    });

    it('lists every offending param, and missing wins over invalid', async () => {
      const response = await t.http.post('/api/v1/probe/echo').send({ count: 'two' });
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('missing-param');
      expect(response.body.errors).toEqual([
        { param: 'name', problem: 'missing', message: 'name is required' },
        { param: 'count', problem: 'invalid', message: expect.any(String) },
      ]);
    });

    it('validates decoded sensitive params the same way, without echoing the password', async () => {
      const response = await postSensitive(t, '/api/v1/probe/sensitive', undefined, { email: 'not-an-email', password: 'short' });
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('invalid-param');
      expect(response.body.errors.map((e: { param: string }) => e.param)).toEqual(['email', 'password']);
      expect(JSON.stringify(response.body)).not.toContain('short');
    });
  });

  describe('application-crash', () => {
    it('answers 500 without the error detail and records a notification', async () => {
      t.clock.advanceSeconds(61); // past the fold window of any earlier identical crash
      const before = (await notificationRows(t)).length;
      const response = await t.http.get('/api/v1/probe/crash').set('X-Request-Id', 'crash-request-0001');
      expect(response.status).toBe(500);
      expectEnvelope(response.body, 'application-crash');
      const text = JSON.stringify(response.body);
      for (const leak of ['boom', 'SELECT', '/srv/', 'secret.ts', '    at ', 'Error:']) expect(text).not.toContain(leak);

      const rows = await notificationRows(t);
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({
        kind: 'application-crash',
        route: 'Probe Crash API',
        requestId: 'crash-request-0001',
        message: expect.stringMatching(/^Error: boom: /),
        acknowledgedAt: null,
      });
      // The tab is read through the API: no SQL or file path in it (the log line has the detail).
      for (const leak of ['SELECT', '/srv/', 'secret.ts']) expect(rows.at(-1)?.message).not.toContain(leak);
      expect(CRASH_DETAIL).toContain('SELECT');
    });

    it('logs the error with the request id', async () => {
      await t.http.get('/api/v1/probe/crash').set('X-Request-Id', 'crash-request-0002');
      const errorLine = t.logs.lines().find((line) => line.level === 'error' && line.request_id === 'crash-request-0002');
      expect(errorLine).toMatchObject({ msg: 'application-crash', route: 'Probe Crash API' });
    });
  });

  describe('identify-request-error', () => {
    it('answers 500 and records a notification when identifying the route fails', async () => {
      const catalog = t.app.get(RouteCatalog);
      const spy = jest.spyOn(catalog, 'identify').mockImplementationOnce(() => {
        throw new Error('route snapshot unreadable: /var/lib/plano/routes.db');
      });
      try {
        const response = await t.http.get('/api/v1/probe/params?name=a').set('X-Request-Id', 'identify-fail-0001');
        expect(response.status).toBe(500);
        expectEnvelope(response.body, 'identify-request-error');
        expect(JSON.stringify(response.body)).not.toContain('/var/lib');
      } finally {
        spy.mockRestore();
      }
      const row = (await notificationRows(t)).find((n) => n.requestId === 'identify-fail-0001');
      expect(row).toMatchObject({
        kind: 'identify-request-error',
        route: 'GET /api/v1/probe/params',
        message: 'Error: route snapshot unreadable: [path]',
      });
    });
  });
});
