import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureApp, createHttpAdapter } from '../../src/app.setup.js';
import { LOG_DESTINATION } from '../../src/common/logging/logger.js';
import { Clock } from '../../src/common/time/clock.js';
import { FakeClock } from './fake-clock.js';
import { LogCapture } from './log-capture.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestAppOptions {
  /** Extra modules, e.g. test-only routes (they live under test/, never in src/). */
  readonly imports?: Type<unknown>[];
  /** Environment for this app's config, on top of the test defaults. */
  readonly env?: Record<string, string>;
  /** Reuse a database (several apps on one database); by default each app gets a fresh one. */
  readonly database?: TestDatabase;
  readonly override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface TestApp {
  readonly app: NestExpressApplication;
  /** The app's base URL on 127.0.0.1, for supertest or fetch. */
  readonly url: string;
  readonly http: supertest.Agent;
  readonly dataSource: DataSource;
  readonly clock: FakeClock;
  readonly logs: LogCapture;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule with the real pipeline (configureApp) on a real database of the engine
 * under test, listening on a loopback port, with the log output captured and a movable clock.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const logs = new LogCapture();
  const clock = new FakeClock();
  // Generous brute-force limits: tests sign in often within one minute of fake-clock time.
  // The rate-limit tests set their own.
  const env = {
    DATABASE_URL: database.url,
    LOG_LEVEL: 'info',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '100000',
    RATE_LIMIT_REGISTER_PER_MINUTE: '1000',
    ...options.env,
  };

  const app = await withEnv(env, async () => {
    let builder = Test.createTestingModule({ imports: [AppModule, ...(options.imports ?? [])] })
      .overrideProvider(LOG_DESTINATION)
      .useValue(logs.stream)
      .overrideProvider(Clock)
      .useValue(clock);
    if (options.override) builder = options.override(builder);
    const moduleRef = await builder.compile();
    const nestApp = moduleRef.createNestApplication<NestExpressApplication>(createHttpAdapter(), { bodyParser: false });
    configureApp(nestApp);
    try {
      await nestApp.listen(0, '127.0.0.1');
    } catch (error) {
      // A start that fails part-way (a bootstrap hook threw) has already opened the pool and
      // started other modules' timers; main.ts exits the process, a test worker lives on.
      await nestApp.close().catch(() => undefined);
      throw error;
    }
    return nestApp;
  });

  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    http: supertest.agent(url),
    dataSource: app.get(DataSource),
    clock,
    logs,
    database,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}

/** Config namespaces read process.env while the module compiles; set it for that long only. */
async function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** A sensitive-params body: base64 of the JSON params, as consumers send it. */
export function encodeParams(params: unknown): string {
  return Buffer.from(JSON.stringify(params)).toString('base64');
}

/** The Authorization header that carries a token; no header at all for `undefined`. */
export function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
}

/** A GET with the token in the Authorization header and `query` as the query string. */
export function getAs(t: TestApp, path: string, token: string | undefined, query: Record<string, unknown> | string = {}) {
  return t.http.get(path).set(bearer(token)).query(query);
}

/** A JSON POST with the token in the Authorization header. */
export function postAs(t: TestApp, path: string, token: string | undefined, body: unknown) {
  return t.http.post(path).set(bearer(token)).send(body as object);
}

/** A JSON PUT with the token in the Authorization header. */
export function putAs(t: TestApp, path: string, token: string | undefined, body: unknown) {
  return t.http.put(path).set(bearer(token)).send(body as object);
}

/** A POST to a sensitive-params route: the params base64-encoded as text/plain, as consumers send them. */
export function postSensitive(t: TestApp, path: string, token: string | undefined, params: unknown) {
  return postEncoded(t, path, token, encodeParams(params));
}

/** A POST of a sensitive-params body exactly as given (text/plain), for bodies that are not base64 JSON. */
export function postEncoded(t: TestApp, path: string, token: string | undefined, body: string) {
  return t.http.post(path).set(bearer(token)).set('Content-Type', 'text/plain').send(body);
}
