import { execFileSync } from 'node:child_process';
import { encodeParams } from './test-app.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Instances of the built server, each its own process with its own event loop and connection
 * pool, as an operator runs several of them on one database. Race and fault tests drive them over
 * HTTP from the Jest process: nothing in the test paces one instance against another.
 */
export interface ServerInstance {
  readonly url: string;
  readonly process: ServerProcess;
  /** SIGTERM, then waits for the exit; answers the exit code. */
  stop(): Promise<number | string>;
  /** SIGKILL, as a crash or an OOM kill would: no shutdown hooks run. */
  kill(): Promise<number | string>;
}

export const ADMIN = { email: 'race-admin@example.com', password: 'race-admin-password' } as const;

let built = false;

/** Builds dist/ once per test file (scripts/test.mjs builds once per run and says so through PLANO_TEST_BUILT). */
export function ensureBuilt(): void {
  if (built || process.env.PLANO_TEST_BUILT === '1') return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  built = true;
}

/**
 * For a describe block whose tests run server processes: builds once, gives each test a fresh
 * database, and after each test kills the instances it started (SIGKILL: nothing to wait for)
 * and drops the database.
 */
export function serverInstancesPerTest(): {
  database(): TestDatabase;
  start(env?: Record<string, string>): Promise<ServerInstance>;
  /** Two instances on the test's database, started one after the other with the same environment. */
  startPair(env?: Record<string, string>): Promise<[ServerInstance, ServerInstance]>;
} {
  let database: TestDatabase | undefined;
  const started: ServerInstance[] = [];
  beforeAll(() => ensureBuilt(), 180_000);
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((instance) => instance.kill()));
    await database?.drop();
  });
  const current = () => {
    if (!database) throw new Error('serverInstancesPerTest: no test is running');
    return database;
  };
  const start = async (env: Record<string, string> = {}) => {
    const instance = await startInstance(current(), env);
    started.push(instance);
    return instance;
  };
  return {
    database: current,
    start,
    startPair: async (env = {}) => [await start(env), await start(env)],
  };
}

/** Starts one instance of the built server on `database` and waits until it listens. */
export async function startInstance(database: TestDatabase, env: Record<string, string> = {}): Promise<ServerInstance> {
  const port = await freePort();
  const server = startServerProcess('node', ['dist/src/main.js'], {
    PORT: String(port),
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '100000',
    RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, server);
  return {
    url,
    process: server,
    stop: async () => {
      server.signal('SIGTERM');
      return server.exited;
    },
    kill: async () => {
      server.signal('SIGKILL');
      return server.exited;
    },
  };
}

async function waitUntilHealthy(url: string, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the server exited; it said:\n${server.output()}`);
    const health = await fetch(`${url}/health`).catch(() => null);
    if (health?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`the server never became healthy; it said:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Answer {
  readonly http: number;
  readonly body: { status: string; data: Record<string, unknown> | null; [key: string]: unknown };
  readonly ms: number;
}

/**
 * One API call over HTTP, timed; a request that gets no answer within `timeoutMs` answers
 * `{ http: 0, status: 'no-answer' }` instead of throwing, so a hang is counted, not a test crash.
 */
export async function call(
  url: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { token?: string; json?: Record<string, unknown>; sensitive?: Record<string, unknown>; query?: Record<string, string | number>; timeoutMs?: number } = {},
): Promise<Answer> {
  const target = new URL(path, url);
  for (const [key, value] of Object.entries(options.query ?? {})) target.searchParams.set(key, String(value));
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.sensitive) {
    headers['Content-Type'] = 'text/plain';
    body = encodeParams(options.sensitive);
  } else if (options.json) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const started = performance.now();
  try {
    const response = await fetch(target, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
    return { http: response.status, body: (await response.json()) as Answer['body'], ms: performance.now() - started };
  } catch {
    return { http: 0, body: { status: 'no-answer', data: null }, ms: performance.now() - started };
  }
}

/** Signs in over HTTP and answers the token; throws with the envelope if sign-in fails. */
export async function signInOver(url: string, email: string, password: string, application = 'planoorder'): Promise<string> {
  const answer = await call(url, 'POST', '/api/v1/sessions/create', { sensitive: { email, password, application } });
  if (answer.body.status !== 'action-successful') throw new Error(`sign-in failed: ${JSON.stringify(answer.body)}`);
  return (answer.body.data as { token: string }).token;
}

/** Registers a client over HTTP (clients/register); answers its token and client id. */
export async function registerClientOver(url: string, email: string): Promise<{ token: string; clientId: number }> {
  const answer = await call(url, 'POST', '/api/v1/clients/register', {
    sensitive: { application: 'planoorder', client: { email, password: 'client-password-long', first_name: 'Race', last_name: 'Client' } },
  });
  if (answer.body.status !== 'action-successful') throw new Error(`registration failed: ${JSON.stringify(answer.body)}`);
  const data = answer.body.data as { token: string; client: { id: number } };
  return { token: data.token, clientId: data.client.id };
}
