import { execFileSync } from 'node:child_process';
import { createPlanoClient, PlanoApiError, PlanoClient } from '../clients/typescript/client.js';
import { demoAccount } from '../src/common/demo/demo-accounts.js';
import { ensureBuilt, startInstance, type ServerInstance } from './support/server-instances.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The typed client (clients/typescript) against the built server with the demo data, as an
 * internal consumer uses it. Its request params and the fields read from the answers are typed by
 * schema.ts, generated from the served document: when the document and the server drift apart,
 * `npm run openapi:check` fails, and once schema.ts is regenerated, this file stops compiling
 * (`npm test`'s type check) or its assertions fail here.
 */
describe('the typed client against the built server', () => {
  let database: TestDatabase;
  let server: ServerInstance;
  let client: PlanoClient;
  const acme = demoAccount('client');

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase();
    // `npm run seed` without its build: migrates the database, then loads the demo data.
    execFileSync(process.execPath, ['dist/src/seed.js'], { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn', NODE_OPTIONS: '' }, stdio: 'pipe' });
    server = await startInstance(database);
    client = createPlanoClient({ baseUrl: server.url });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function signIn(): Promise<PlanoClient> {
    const answer = await client.post('/api/v1/sessions/create', { sensitive: { email: acme.email, password: acme.password, application: 'planoorder' } });
    return client.withToken(present(PlanoClient.ok(answer).data.token, 'data.token'));
  }

  it('signs in with base64-encoded params and reads the session', async () => {
    const answer = await client.post('/api/v1/sessions/create', { sensitive: { email: acme.email, password: acme.password, application: 'planoorder' } });
    expect(answer.http).toBe(200);
    const signedIn = PlanoClient.ok(answer);
    const token = present(signedIn.data.token, 'data.token');
    expect(present(signedIn.data.user, 'data.user').email).toBe(acme.email);

    const read = PlanoClient.ok(await client.withToken(token).get('/api/v1/sessions/read'));
    expect(present(read.data.user, 'data.user').email).toBe(acme.email);
    expect(present(read.data.roles, 'data.roles').client_id).toEqual(expect.any(Number));
    expect(read.session).toMatchObject({ application: 'planoorder' });
  });

  it('gets an XSO handoff for its own client (client_id from sessions/read)', async () => {
    const caller = await signIn();
    const { data: session } = PlanoClient.ok(await caller.get('/api/v1/sessions/read'));
    const clientId = present(present(session.roles, 'data.roles').client_id, 'data.roles.client_id');

    const answer = await caller.get('/api/v1/xso/capture_client', { query: { client_id: clientId } });
    expect(answer.http).toBe(200);
    const { data } = PlanoClient.ok(answer);
    const code = present(data.code, 'data.code');
    expect(data).toMatchObject({ client_id: clientId, target: 'home', redirect_url: expect.stringContaining(code) });
    expect(Date.parse(present(data.expires_at, 'data.expires_at'))).toBeGreaterThan(Date.now());
  });

  it('answers a failure as its typed envelope, and `ok` turns it into a PlanoApiError', async () => {
    const answer = await client.post('/api/v1/sessions/create', { sensitive: { email: acme.email, password: 'not-the-password', application: 'planoorder' } });
    expect(answer.http).toBe(400);
    expect(answer.envelope.status).toBe('invalid-password');
    expect(() => PlanoClient.ok(answer)).toThrow(PlanoApiError);

    const anonymous = await client.get('/api/v1/xso/capture_client', { query: { client_id: 1 } });
    expect([anonymous.http, anonymous.envelope.status]).toEqual([401, 'invalid-token']);
  });
});

/**
 * The value of a payload field the contract always sends. The document may still mark it optional
 * (a DTO property without `required`); this keeps the test compiling either way, and fails it when
 * the server leaves the field out.
 */
function present<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null) throw new Error(`the answer has no ${field}`);
  return value;
}
