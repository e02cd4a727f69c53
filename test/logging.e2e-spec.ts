import { PipelineProbeModule } from './support/pipeline-probe.module.js';
import { createTestApp, encodeParams, getAs, postEncoded, postSensitive, type TestApp } from './support/test-app.js';

/** One structured line per request, and no secret in any line the app writes. */
describe('request logging', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('writes one JSON line per request with id, method, path, route, slug, code and duration', async () => {
    await t.http.get('/api/v1/probe/params?name=acme').set('X-Request-Id', 'log-line-0001');
    await t.http.get('/api/v1/probe/params').set('X-Request-Id', 'log-line-0002');
    await t.http.get('/api/v1/missing').set('X-Request-Id', 'log-line-0003');

    const lines = t.logs.requestLines().filter((line) => String(line.request_id).startsWith('log-line-'));
    expect(lines).toEqual([
      expect.objectContaining({
        request_id: 'log-line-0001',
        method: 'GET',
        path: '/api/v1/probe/params',
        query: { name: 'acme' },
        route: 'Probe Params API',
        status: 'action-successful',
        http: 200,
        duration_ms: expect.any(Number),
      }),
      expect.objectContaining({ request_id: 'log-line-0002', status: 'missing-param', http: 400 }),
      expect.objectContaining({ request_id: 'log-line-0003', route: null, status: 'route-non-existent', http: 500 }),
    ]);
  });

  it('never writes a token from the query string, a body or a header, nor a password', async () => {
    const queryToken = 'qTok_3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c1e';
    const bodyToken = 'bTok_8e6c4a2f0d1b3c5e7a9f1d3b5c7e9a1f';
    const headerToken = 'hTok_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';
    const password = 'Pa55-w0rd-never-logged';
    const encoded = encodeParams({ email: 'ada@example.com', password, token: bodyToken });

    await getAs(t, `/api/v1/probe/params?name=a&token=${queryToken}`, headerToken);
    await t.http.get(`/api/v1/probe/crash?token=${queryToken}`);
    await t.http.get(`/api/v1/unknown?token=${queryToken}`);
    await postEncoded(t, '/api/v1/probe/sensitive', undefined, encoded);
    await postSensitive(t, '/api/v1/probe/sensitive', undefined, { email: 'bad', password, token: bodyToken });
    await t.http.post('/api/v1/probe/echo').send({ name: 'x', password, token: bodyToken });
    await t.http.post('/api/v1/probe/sensitive').send({ email: 'ada@example.com', password });

    const output = t.logs.text();
    expect(output.length).toBeGreaterThan(0);
    for (const secret of [queryToken, bodyToken, headerToken, password, encoded]) {
      expect(output).not.toContain(secret);
    }
    const withToken = t.logs.requestLines().find((line) => line.path === '/api/v1/unknown');
    expect(withToken?.query).toEqual({ token: '[redacted]' });
  });
});
