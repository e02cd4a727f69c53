import { runInNewContext } from 'node:vm';
import { encodeSensitiveParamsBody } from '../src/common/openapi/docs-request-interceptor.js';
import { demoAccount } from '../src/common/demo/demo-accounts.js';
import { DemoSeedModule } from '../src/demo/demo-seed.module.js';
import { DemoSeedService } from '../src/demo/demo-seed.service.js';
import { ClientEntity } from '../src/modules/accounts/entities/client.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { applicationToken, tokenFor } from './support/accounts.js';
import { bearer, createTestApp, encodeParams, getAs, postEncoded, type TestApp } from './support/test-app.js';

type Schema = {
  type?: string;
  format?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  $ref?: string;
  allOf?: Schema[];
  enum?: unknown[];
};

/** `schema` with its `$ref` (or a one-element `allOf` around one, as @ApiSuccess writes it) followed. */
function resolved(schema: Schema, document: Document): Schema {
  if (schema.$ref) return resolved(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')], document);
  if (schema.allOf?.length === 1) {
    const { allOf, ...siblings } = schema;
    return { ...resolved(allOf[0], document), ...siblings };
  }
  return schema;
}

/**
 * Where `value` departs from `schema` (the named schemas the document gives success payloads):
 * wrong types, missing required fields, and fields the document does not list — either way the
 * document and the code have drifted apart.
 */
function drift(value: unknown, documented: Schema, document: Document, path = 'data'): string[] {
  const schema = resolved(documented, document);
  if (value === null) return schema.nullable ? [] : [`${path} is null`];
  const type = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const expected = schema.type ?? 'object';
  if (!(type === expected || (expected === 'number' && type === 'integer'))) return [`${path} is ${type}, documented ${expected}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path} is ${JSON.stringify(value)}, documented one of ${JSON.stringify(schema.enum)}`];
  if (Array.isArray(value)) return schema.items ? value.flatMap((item, i) => drift(item, schema.items as Schema, document, `${path}[${i}]`)) : [];
  if (type !== 'object' || !schema.properties) return [];
  const record = value as Record<string, unknown>;
  const missing = (schema.required ?? []).filter((name) => !(name in record)).map((name) => `${path}.${name} is missing`);
  const undocumented = Object.keys(record).filter((name) => !(name in (schema.properties ?? {}))).map((name) => `${path}.${name} is not documented`);
  const typed = Object.entries(record).flatMap(([name, item]) => (schema.properties?.[name] ? drift(item, schema.properties[name], document, `${path}.${name}`) : []));
  return [...missing, ...undocumented, ...typed];
}

/** Properties of `schema` and the schemas it reaches whose type says nothing: `{}` or a bare object. */
function vaguelyTyped(documented: Schema, document: Document, path: string, seen = new Set<Schema>()): string[] {
  const schema = resolved(documented, document);
  if (seen.has(schema)) return [];
  seen.add(schema);
  if (schema.type === 'array') return schema.items ? vaguelyTyped(schema.items, document, `${path}[]`, seen) : [`${path}[] has no item schema`];
  if (schema.type && schema.type !== 'object') return [];
  if (!schema.properties) return [`${path} is an object without properties`];
  return Object.entries(schema.properties).flatMap(([name, property]) => vaguelyTyped(property, document, `${path}.${name}`, seen));
}

interface Operation {
  security?: unknown[];
  description?: string;
  parameters?: Array<{ name: string; in: string; example?: unknown; schema?: Schema }>;
  requestBody?: { description?: string; content: Record<string, { schema: Schema; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema; examples?: Record<string, { value: { data: unknown } }> }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
type Interceptor = (request: { headers: Record<string, string>; body?: unknown }) => { headers: Record<string, string>; body?: unknown };

/** The routes whose params carry a password (CONTRACT.md §1 and §11), with the params schema their body names. */
const SENSITIVE_ROUTES = {
  '/api/v1/sessions/create': 'CreateSessionDto',
  '/api/v1/clients/register': 'RegisterClientDto',
  '/api/v1/users/register': 'RegisterUserDto',
  '/api/v1/users/change_password': 'ChangePasswordDto',
  '/api/v1/employees/create': 'CreateEmployeeDto',
  '/api/v1/liaisons/create': 'CreateLiaisonDto',
} as const;
const PUBLIC_ROUTES = [
  'GET /health',
  'POST /api/v1/clients/register',
  'POST /api/v1/sessions/create',
  'POST /api/v1/sessions/create_magic_link',
  'POST /api/v1/sessions/redeem_magic_link',
  'POST /api/v1/users/register',
];

function operations(document: Document): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as [string, Operation]),
  );
}

function decoded(body: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(body), 'base64').toString('utf8')) as Record<string, unknown>;
}

/** Runs the served swagger-ui-init.js as the browser would and returns the options it hands Swagger UI. */
function swaggerUiOptions(initJs: string): Record<string, unknown> {
  let options: Record<string, unknown> | undefined;
  const SwaggerUIBundle = Object.assign((given: Record<string, unknown>) => ((options = given), {}), { presets: { apis: {} }, plugins: { DownloadUrl: {} } });
  const window: { location: object; onload?: () => void } = { location: { search: '', origin: 'http://docs.example' } };
  runInNewContext(initJs, { window, SwaggerUIBundle, SwaggerUIStandalonePreset: {}, TextEncoder, btoa });
  window.onload?.();
  if (!options) throw new Error('swagger-ui-init.js did not start Swagger UI');
  return options;
}

describe('the OpenAPI document, for the people who integrate', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await createTestApp({ imports: [DemoSeedModule] });
    await expect(t.app.get(DemoSeedService).seed()).resolves.toEqual({ created: true });
    document = (await t.http.get('/docs-json')).body as Document;
  });

  afterAll(async () => {
    await t.close();
  });

  it.each(Object.entries(SENSITIVE_ROUTES))('%s takes a base64 text box whose example decodes to valid %s params', (path, dto) => {
    const body = document.paths[path].post.requestBody!;
    expect(Object.keys(body.content)).toEqual(['text/plain']);
    const schema = body.content['text/plain'].schema;
    expect(schema.type).toBe('string');
    expect(schema.format).toBeUndefined(); // format: byte is a file picker in Swagger UI
    const params = decoded(schema.example);
    const paramsSchema = document.components.schemas[dto];
    expect(Object.keys(params).filter((name) => !(name in (paramsSchema.properties ?? {})))).toEqual([]);
    expect((paramsSchema.required ?? []).filter((name) => !(name in params))).toEqual([]);
    // The description names the schema (tools read it) and shows it decoded, with the example's JSON.
    expect(body.description).toContain(`#/components/schemas/${dto}`);
    expect(body.description).toContain(`The decoded params (JSON schema of ${dto})`);
    expect(body.description).toContain(JSON.stringify(params));
  });

  it('signs in the demo client with the sessions/create example, sent as it is', async () => {
    const body = document.paths['/api/v1/sessions/create'].post.requestBody!;
    expect(body.description).toContain('signs in client@plano.test');
    const response = await postEncoded(t, '/api/v1/sessions/create', undefined, String(body.content['text/plain'].schema.example));
    expect(response.body).toMatchObject({ status: 'action-successful', data: { token: expect.any(String), user: { email: 'client@plano.test' } } });
    expect(response.body.session).toMatchObject({ application: 'planoorder' });
  });

  it('answers every other sensitive example as it is, with the demo roles it needs, without touching the demo logins', async () => {
    const client = await tokenFor(t, demoAccount('client'));
    const admin = await tokenFor(t, demoAccount('admin'));
    const employee = await tokenFor(t, demoAccount('employee'));
    const send = (path: keyof typeof SENSITIVE_ROUTES, token?: string) =>
      postEncoded(t, path, token, String(document.paths[path].post.requestBody!.content['text/plain'].schema.example));
    for (const [path, token] of [
      ['/api/v1/users/register', undefined],
      ['/api/v1/clients/register', undefined],
      ['/api/v1/users/change_password', client],
      ['/api/v1/employees/create', admin],
      ['/api/v1/liaisons/create', employee],
    ] as const) {
      const response = await send(path, token);
      expect([path, response.body.status]).toEqual([path, 'action-successful']);
      const schema = document.paths[path].post.responses['200']?.content?.['application/json']?.schema.properties?.data as Schema;
      expect(drift(response.body.data, schema, document).map((problem) => `${path}: ${problem}`)).toEqual([]);
    }
    // The demo client still signs in with its README password, and Acme is the client the examples name.
    await tokenFor(t, demoAccount('client'));
    const acme = await t.dataSource.getRepository(ClientEntity).findOneOrFail({ where: { id: 1 }, relations: { user: true } });
    expect([acme.user?.email, acme.companyName, acme.companyId]).toEqual(['client@plano.test', 'Acme Realty', 1001]);
    await expect(t.dataSource.getRepository(UserEntity).countBy({ email: 'new.liaison@plano.test' })).resolves.toBe(1);
  });

  it('answers every JSON body example as it is without harm: valid or refused as a client error, demo logins and Acme intact', async () => {
    const tokens = { admin: await tokenFor(t, demoAccount('admin')), roleless: await tokenFor(t, demoAccount('roleless')) };
    const capture = await applicationToken(t, tokens.admin, 'capture');
    const answers: string[] = [];
    for (const [route, operation] of operations(document)) {
      const content = operation.requestBody?.content['application/json'] as { examples?: Record<string, { value: object }> } | undefined;
      for (const example of Object.values(content?.examples ?? {})) {
        const [method, path] = route.split(' ');
        const token = path === '/api/v1/xso/redeem' ? capture : path === '/api/v1/users/client_register' ? tokens.roleless : tokens.admin;
        const response = await t.http[method.toLowerCase() as 'post' | 'put'](path).set(bearer(token)).send(example.value);
        answers.push(`${route} ${response.body.status}`);
        expect([route, response.status < 500]).toEqual([route, true]);
        if (response.body.status === 'action-successful') {
          const schema = operation.responses['200']?.content?.['application/json']?.schema.properties?.data as Schema;
          expect(drift(response.body.data, schema, document).map((problem) => `${route}: ${problem}`)).toEqual([]);
        }
      }
    }
    expect(answers.length).toBeGreaterThanOrEqual(8);
    await tokenFor(t, demoAccount('client'));
    await tokenFor(t, demoAccount('admin'));
    const acme = await t.dataSource.getRepository(ClientEntity).findOneOrFail({ where: { id: 1 } });
    expect([acme.companyName, acme.companyId, acme.active]).toEqual(['Acme Realty', 1001, true]);
  });

  it('serves Swagger UI a request interceptor that base64-encodes a JSON object typed into a text/plain body', async () => {
    const initJs = await t.http.get('/docs/swagger-ui-init.js');
    expect(initJs.status).toBe(200);
    expect(initJs.text).toContain('function encodeSensitiveParamsBody');
    const options = swaggerUiOptions(initJs.text);
    expect(options.persistAuthorization).toBe(true);
    const intercept = options.requestInterceptor as Interceptor;

    // What the browser test does: type the params as JSON, Execute, read the token.
    const account = demoAccount('client');
    const typed = JSON.stringify({ email: account.email, password: account.password, application: 'planoorder' });
    const request = intercept({ headers: { 'Content-Type': 'text/plain' }, body: typed });
    expect(decoded(request.body)).toEqual(JSON.parse(typed));
    const response = await postEncoded(t, '/api/v1/sessions/create', undefined, String(request.body));
    expect(response.body).toMatchObject({ status: 'action-successful', data: { token: expect.any(String) } });
  });

  it('encodes UTF-8 safely, and leaves alone what is not a JSON object in a text/plain body', () => {
    const headers = { 'content-type': 'text/plain; charset=utf-8' };
    expect(decoded(encodeSensitiveParamsBody({ headers, body: '{"first_name":"José 😀"}' }).body)).toEqual({ first_name: 'José 😀' });
    const base64 = encodeParams({ email: 'a@b.test' });
    expect(encodeSensitiveParamsBody({ headers, body: base64 }).body).toBe(base64);
    expect(encodeSensitiveParamsBody({ headers, body: '[1,2]' }).body).toBe('[1,2]');
    expect(encodeSensitiveParamsBody({ headers, body: '"text"' }).body).toBe('"text"');
    expect(encodeSensitiveParamsBody({ headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }).body).toBe('{"a":1}');
    expect(encodeSensitiveParamsBody<{ headers: Record<string, string>; body?: unknown }>({ headers: {} }).body).toBeUndefined();
  });

  it('names the schema of the data of every 200 response, types each of its fields, and gives an example', () => {
    const unnamed: string[] = [];
    const vague: string[] = [];
    for (const [route, operation] of operations(document)) {
      const ok = operation.responses['200']?.content?.['application/json'];
      const data = ok?.schema.properties?.data;
      const name = (data?.$ref ?? data?.allOf?.[0]?.$ref)?.replace('#/components/schemas/', '');
      if (!data || !name || !document.components.schemas[name] || Object.values(ok.examples ?? {}).some((example) => example.value.data === null)) {
        unnamed.push(route);
        continue;
      }
      vague.push(...vaguelyTyped(data, document, `${route} data (${name})`));
    }
    expect(unnamed).toEqual([]);
    expect(vague).toEqual([]);
  });

  it('holds every 200 example to its named schema', () => {
    const drifted = operations(document).flatMap(([route, operation]) => {
      const ok = operation.responses['200']?.content?.['application/json'];
      const data = ok?.schema.properties?.data;
      if (!ok || !data) return [];
      return Object.values(ok.examples ?? {}).flatMap((example) => drift(example.value.data, data, document).map((problem) => `${route} example: ${problem}`));
    });
    expect(drifted).toEqual([]);
  });

  it('describes every operation, beyond its summary', () => {
    const undescribed = operations(document).filter(([, operation]) => !(operation.description ?? '').trim());
    expect(undescribed.map(([route]) => route)).toEqual([]);
  });

  it('answers every GET with data as documented, called with its own parameter examples', async () => {
    const admin = await tokenFor(t, demoAccount('admin'));
    const checked: string[] = [];
    const drifted: string[] = [];
    for (const [route, operation] of operations(document)) {
      const [method, path] = route.split(' ');
      if (method !== 'GET' || path.startsWith('/docs')) continue;
      const query = Object.fromEntries((operation.parameters ?? []).filter((p) => p.in === 'query' && p.example !== undefined && p.name !== 'token').map((p) => [p.name, p.example]));
      const response = await getAs(t, path, admin, query).set('Accept', 'application/json');
      if (response.body.status !== 'action-successful') continue;
      checked.push(route);
      const schema = operation.responses['200']?.content?.['application/json']?.schema.properties?.data as Schema;
      drifted.push(...drift(response.body.data, schema, document).map((problem) => `${route}: ${problem}`));
    }
    expect(drifted).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(10);
  });

  it('gives every envelope data a type or a named schema', () => {
    for (const [route, operation] of operations(document)) {
      for (const [code, response] of Object.entries(operation.responses)) {
        const data = response.content?.['application/json']?.schema.properties?.data;
        if (data) expect([route, code, typeof resolved(data, document).type === 'string' || resolved(data, document).properties !== undefined]).toEqual([route, code, true]);
      }
    }
  });

  it('describes each status of a response once', () => {
    for (const [route, operation] of operations(document)) {
      for (const [code, response] of Object.entries(operation.responses)) {
        const lines = response.description.split('\n\n');
        expect([route, code, lines.length]).toEqual([route, code, new Set(lines).size]);
      }
    }
  });

  it('says security: [] on exactly the public routes, and a token on every other', () => {
    const open = operations(document).filter(([, operation]) => Array.isArray(operation.security) && operation.security.length === 0);
    expect(open.map(([route]) => route).sort()).toEqual(PUBLIC_ROUTES);
    for (const [route, operation] of operations(document)) {
      if (!PUBLIC_ROUTES.includes(route)) expect([route, operation.security?.length ?? 0]).toEqual([route, 2]);
      expect(Object.keys(operation)).not.toContain('x-plano-public');
    }
  });

  it('documents the capture_client redirect as a 302 and declares no Accept parameter', () => {
    const operation = document.paths['/api/v1/xso/capture_client'].get;
    expect(operation.responses['302']).toBeDefined();
    expect(operation.parameters?.map((parameter) => parameter.name.toLowerCase())).not.toContain('accept');
  });
});
