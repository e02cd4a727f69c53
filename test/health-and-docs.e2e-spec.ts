import { NotificationEntity } from '../src/modules/notifications/notification.entity.js';
import { PipelineProbeModule } from './support/pipeline-probe.module.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('GET /health', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  it('answers action-successful with the database up', async () => {
    const response = await t.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'action-successful',
      data: { status: 'ok', details: { database: { status: 'up' } } },
    });
  });

  it('answers application-crash 500 when the database is unreachable', async () => {
    await t.dataSource.destroy();
    const response = await t.http.get('/health');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({
      status: 'application-crash',
      message: 'The database is unreachable.',
      data: { database: { status: 'down' } },
    });
  });
});

describe('Swagger UI and OpenAPI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [PipelineProbeModule] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.http.get('/docs');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('swagger-ui');
  });

  it('serves the OpenAPI document at /docs-json with each route and its catalogue statuses', async () => {
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.info.title).toBe('Plano platform API');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/health', '/api/v1/probe/params', '/api/v1/probe/sensitive']),
    );

    const params = document.paths['/api/v1/probe/params'].get;
    expect(params.summary).toBe('Probe Params API');
    expect(Object.keys(params.responses).sort()).toEqual(['200', '400', '404', '413', '500']);
    expect(Object.keys(params.responses['400'].content['application/json'].examples)).toEqual(
      expect.arrayContaining(['missing-param', 'invalid-param', 'invalid-content-type']),
    );
    expect(params.responses['500'].content['application/json'].examples['application-crash'].value).toMatchObject({
      status: 'application-crash',
      data: null,
    });
    expect(params.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['name', 'count']));
  });

  it('documents a sensitive-params route as a base64 text/plain body linked to its params schema', async () => {
    const document = (await t.http.get('/docs-json')).body;
    const body = document.paths['/api/v1/probe/sensitive'].post.requestBody;
    expect(Object.keys(body.content)).toEqual(['text/plain']);
    // A text box in Swagger UI: `format: byte` would make it a file picker.
    expect(body.content['text/plain'].schema).toEqual({ type: 'string' });
    expect(body.description).toContain('#/components/schemas/ProbeCredentialsDto');
    expect(body.description).toContain('The decoded params (JSON schema of ProbeCredentialsDto)');
    expect(document.components.schemas.ProbeCredentialsDto).toBeDefined();
  });

  it('describes the API as a whole: server, license, opaque bearer tokens, tags in reading order', async () => {
    const document = (await t.http.get('/docs-json')).body;
    expect(document.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(document.info.license.name).toEqual(expect.any(String));
    expect(document.info.description).toContain('Sensitive params');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
    const tags = document.tags.map((tag: { name: string }) => tag.name);
    expect(tags[0]).toBe('sessions');
    expect(tags.slice(-2)).toEqual(['notifications', 'registry']);
    for (const tag of document.tags) expect(tag.description).toEqual(expect.any(String));
  });

  it('documents every status a route declares, whichever decorator declared it', async () => {
    const document = (await t.http.get('/docs-json')).body;
    const create = document.paths['/api/v1/sessions/create'].post.responses;
    const examples = (code: string) => Object.keys(create[code].content['application/json'].examples);
    expect(examples('400')).toEqual(
      expect.arrayContaining(['missing-param', 'invalid-param', 'email-not-found', 'invalid-password', 'user-requires-role', 'invalid-encoded-params']),
    );
    expect(examples('429')).toEqual(['rate-limit-exceeded']);
    const read = document.paths['/api/v1/sessions/read'].get.responses;
    expect(Object.keys(read['401'].content['application/json'].examples)).toEqual(['invalid-token', 'session-expired']);
  });

  it('does not record notifications for documentation requests', async () => {
    await t.http.get('/docs-json');
    await expect(t.dataSource.getRepository(NotificationEntity).count()).resolves.toBe(0);
  });
});
