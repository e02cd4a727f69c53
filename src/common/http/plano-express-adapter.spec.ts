import { createServer, type Server } from 'node:http';
import { jest } from '@jest/globals';
import express, { type NextFunction, type Request, type Response } from 'express';
import supertest from 'supertest';
import { PlanoExpressAdapter } from './plano-express-adapter.js';
import { StaticRouteTable } from './static-route-table.js';

type Registrar = {
  get(path: string, handler: express.RequestHandler): unknown;
  post(path: string, handler: express.RequestHandler): unknown;
  use(...args: unknown[]): unknown;
};

const answer = (name: string) => (_request: Request, response: Response) => void response.type('text/plain').send(name);

/** How the pipeline, the not-found handler and the error handler are registered: plain app.use, or the adapter's way (as configureApp and Nest do). */
type Registration = { pipeline(handler: express.RequestHandler): void; notFound(handler: express.RequestHandler): void; errors(handler: express.ErrorRequestHandler): void };

const throughUse = (app: Registrar): Registration => ({ pipeline: (handler) => app.use(handler), notFound: (handler) => app.use(handler), errors: (handler) => app.use(handler) });

const throughAdapter = (adapter: PlanoExpressAdapter): Registration => ({
  pipeline: (handler) => adapter.usePipeline(handler as never),
  notFound: (handler) => adapter.setNotFoundHandler(handler as never),
  errors: (handler) => adapter.setErrorHandler(handler as never),
});

/**
 * The same registrations, in the same order, as Nest and Swagger make them: fixed paths, a
 * static-files mount between two runs of them, a route with a param, a path registered twice
 * (the first handler passes on), a handler that fails, and the app's own not-found at the end.
 */
function registerRoutes(app: Registrar, register: Registration = throughUse(app)): void {
  register.pipeline((request: Request, response: Response, next: NextFunction) => {
    response.setHeader('X-Pipeline', 'ran');
    if (request.headers['x-refuse'] !== undefined) return next(new Error('refused by the pipeline'));
    next();
  });
  app.get('/docs', answer('docs'));
  app.get('/docs/', answer('docs-slash'));
  app.get('/docs/swagger-ui-init.js', answer('docs-init'));
  app.use('/docs', (_request: Request, response: Response, next: NextFunction) => {
    if (_request.path === '/asset.css') return void response.type('text/plain').send('static-asset');
    next();
  });
  app.get('/api/v1/sessions/read', answer('sessions-read'));
  app.post('/api/v1/sessions/create', answer('sessions-create'));
  app.get('/health', answer('health'));
  app.get('/only-slash/', answer('only-slash'));
  app.get('/users/:id', (request: Request, response: Response) => void response.type('text/plain').send(`user ${String(request.params.id)}`));
  app.get('/dup', (_request: Request, _response: Response, next: NextFunction) => next());
  app.get('/dup', answer('dup-second'));
  app.get('/fails', () => {
    throw new Error('thrown');
  });
  app.get('/rejects', async () => Promise.reject(new Error('rejected')));
  register.notFound((_request: Request, response: Response) => void response.status(404).type('text/plain').send('not found'));
  register.errors((error: Error, _request: Request, response: Response, _next: NextFunction) => void response.status(500).type('text/plain').send(`error: ${error.message}`));
}

const PATHS = [
  '/docs',
  '/docs/',
  '/docs//',
  '/DOCS',
  '/docs/swagger-ui-init.js',
  '/docs/swagger-ui-init.JS/',
  '/docs/asset.css',
  '/api/v1/sessions/read',
  '/api/v1/sessions/read/',
  '/api/v1/sessions/read//',
  '/API/V1/Sessions/Read',
  '/api/v1/sessions/rea%64',
  '/api/v1/sessions/read?view=default',
  '/api/v1/sessions/read/extra',
  '/api/v1/sessions/create',
  '/health',
  '/health/',
  '/only-slash',
  '/only-slash/',
  '/only-slash//',
  '/users/7',
  '/dup',
  '/fails',
  '/rejects',
  '/nothing/here',
  '/',
];

describe('PlanoExpressAdapter', () => {
  const plain = express();
  registerRoutes(plain);
  const adapter = new PlanoExpressAdapter((result) => result);
  registerRoutes(adapter as unknown as Registrar, throughAdapter(adapter));
  const tabled = adapter.getInstance<express.Express>();
  // A plain HTTP server whose every request goes through dispatch: each gets Express's prototypes as it arrives.
  const served = createServer(adapter.dispatch);
  // The server Nest listens on (initHttpServer): requests born with Express's prototypes, through dispatch.
  adapter.initHttpServer({});
  const own = adapter.getHttpServer() as Server;

  /** Requests the Express app itself handled (the rest, dispatch ran alone). */
  const handledByExpress: string[] = [];
  const app = tabled as unknown as { handle(request: Request, response: Response, callback?: NextFunction): void };
  const handle = app.handle.bind(app);
  app.handle = (request, response, callback) => {
    handledByExpress.push(`${request.method} ${request.url}`);
    handle(request, response, callback);
  };

  afterAll(() => {
    served.close();
    own.close();
  });

  it('puts runs of fixed-path routes in tables, keeping every other layer in its place', () => {
    const layers = (tabled.router as unknown as { stack: Array<{ route?: { path: string } }> }).stack;
    const plainLayers = (plain.router as unknown as { stack: unknown[] }).stack;
    // The adapter's own hook layer, the pipeline, a table (docs), the mount, a table, /users/:id, a table (dup … rejects), not-found, errors.
    expect(layers).toHaveLength(9);
    expect(layers.filter((layer) => layer.route).map((layer) => layer.route?.path)).toEqual(['/users/:id']);
    expect(plainLayers.length).toBeGreaterThan(layers.length);
  });

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE'])('answers %s requests exactly as Express routes them', async (method) => {
    for (const path of PATHS) {
      const [expected, actual] = await Promise.all([plain, tabled].map((app) => supertest(app)[method.toLowerCase() as 'get'](path)));
      const outcome = (response: supertest.Response) => ({ path, status: response.status, text: response.text, allow: response.headers.allow, pipeline: response.headers['x-pipeline'] });
      expect(outcome(actual)).toEqual(outcome(expected));
    }
  });

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE'])('answers %s requests through dispatch exactly as Express does, errors included, on either server', async (method) => {
    for (const path of PATHS) {
      for (const headers of [{}, { 'x-refuse': '1' }]) {
        const [expected, ...actual] = await Promise.all([plain, served, own].map((app) => supertest(app)[method.toLowerCase() as 'get'](path).set(headers)));
        const outcome = (response: supertest.Response) => ({ path, headers, status: response.status, text: response.text, allow: response.headers.allow, pipeline: response.headers['x-pipeline'] });
        expect(actual.map(outcome)).toEqual([outcome(expected), outcome(expected)]);
      }
    }
  });

  it('makes the requests and responses of its own server with Express’s prototypes, so that no request is given new ones', async () => {
    const setPrototype = jest.spyOn(Object, 'setPrototypeOf');
    try {
      for (const path of ['/api/v1/sessions/read', '/health?x=1', '/fails', '/nothing/here']) {
        expect((await supertest(own).get(path)).headers['x-pipeline']).toBe('ran');
      }
      expect(setPrototype).not.toHaveBeenCalled();
      // The plain server's requests still get them one by one, as Express gives them.
      await supertest(served).get('/health');
      expect(setPrototype).toHaveBeenCalledTimes(2);
    } finally {
      setPrototype.mockRestore();
    }
  });

  it('listens on Nest’s own server, still through dispatch, when Nest sets up what goes around it (shutdown options, HTTPS)', async () => {
    const closing = new PlanoExpressAdapter((result) => result);
    registerRoutes(closing as unknown as Registrar, throughAdapter(closing));
    closing.initHttpServer({ forceCloseConnections: true });
    const server = closing.getHttpServer() as Server;
    const handled: string[] = [];
    const app = closing.getInstance<{ handle(request: Request, response: Response, callback?: NextFunction): void }>();
    const handle = app.handle.bind(app);
    app.handle = (request, response, callback) => (handled.push(request.url), handle(request, response, callback));
    try {
      expect(server.listeners('request')).toEqual([closing.dispatch]);
      expect((await supertest(server).get('/health')).text).toBe('health');
      expect((await supertest(server).get('/users/7')).text).toBe('user 7');
      expect(handled).toEqual(['/users/7']);
    } finally {
      server.close();
    }
  });

  it('runs the pipeline, the tables and the not-found handler itself, and leaves every other layer to Express', async () => {
    handledByExpress.length = 0;
    for (const path of ['/api/v1/sessions/read', '/API/V1/Sessions/Read/', '/health?x=1', '/dup', '/fails', '/rejects', '/nothing/here']) {
      await supertest(served).get(path);
    }
    expect(handledByExpress).toEqual([]);

    // Paths a mount takes part in (Swagger UI's assets, even behind a table's route), a route with
    // a param, OPTIONS (Express answers it from the routes).
    await supertest(served).get('/docs/asset.css');
    await supertest(served).get('/docs/swagger-ui-init.js');
    await supertest(served).get('/users/7');
    await supertest(served).options('/health');
    expect(handledByExpress).toEqual(['GET /docs/asset.css', 'GET /docs/swagger-ui-init.js', 'GET /users/7', 'OPTIONS /health']);
  });

  it('leaves every request to Express once a request or response hook is set, as those run in a layer of their own', async () => {
    const hooked = new PlanoExpressAdapter((result) => result);
    registerRoutes(hooked as unknown as Registrar, throughAdapter(hooked));
    const seen: string[] = [];
    hooked.setOnRequestHook((request, _response, done) => {
      seen.push(request.url);
      done();
    });
    const server = createServer(hooked.dispatch);
    const response = await supertest(server).get('/health');
    server.close();
    expect(response.text).toBe('health');
    expect(seen).toEqual(['/health']);
  });

  it('writes what a handler returned through the renderer', async () => {
    const rendering = new PlanoExpressAdapter((result, request) => ({ rendered: result, path: request.path }));
    rendering.get('/thing', (_request: Request, response: Response) => void rendering.reply(response, { id: 1 }, 200));
    const response = await supertest(rendering.getInstance()).get('/thing');
    expect(response.body).toEqual({ rendered: { id: 1 }, path: '/thing' });
  });

  it('leaves reading a setting (app.get with one argument) to Express', () => {
    expect(adapter.get('etag' as never)).toBe('weak');
  });

  it('hands an error raised before routing straight to the registered error handler, past every other layer', async () => {
    const failing = new PlanoExpressAdapter((result) => result);
    const offered: string[] = [];
    failing.use((_request: Request, _response: Response, next: NextFunction) => failing.failBeforeRouting(new Error('refused early'), _request, _response, next));
    // What Express would offer the error to on its way down: a layer matching every path.
    failing.use((error: Error, _request: Request, _response: Response, next: NextFunction) => (offered.push(error.message), next(error)));
    failing.get('/thing', answer('thing'));
    failing.setErrorHandler((error: unknown, _request: Request, response: Response) => void response.status(500).type('text/plain').send(`handled: ${(error as Error).message}`));
    const response = await supertest(failing.getInstance()).get('/thing');
    expect(response.text).toBe('handled: refused early');
    expect(offered).toEqual([]);
  });

  it('passes such an error down Express’s router while no error handler is registered', async () => {
    const early = new PlanoExpressAdapter((result) => result);
    early.use((_request: Request, _response: Response, next: NextFunction) => early.failBeforeRouting(new Error('too early'), _request, _response, next));
    early.use((error: Error, _request: Request, response: Response, _next: NextFunction) => void response.status(500).type('text/plain').send(`express: ${error.message}`));
    expect((await supertest(early.getInstance()).get('/')).text).toBe('express: too early');
  });
});

describe('StaticRouteTable', () => {
  const ROUTES = ['/api/v1/sessions/read', '/health', '/docs/', '/a.b', '/k', '/'];
  const table = new StaticRouteTable();
  const handlers = new Map(ROUTES.map((path) => [path, () => path]));
  for (const [path, handler] of handlers) table.add('GET', path, handler);
  // Express's own route layers, with the app router's defaults (case-insensitive, not strict).
  const router = express.Router();
  for (const path of ROUTES) router.get(path, () => undefined);
  const layers = (router as unknown as { stack: Array<{ match(path: string): unknown }> }).stack;
  const matchers = ROUTES.map((path, index) => ({ path, matches: (candidate: string) => layers[index].match(candidate) }));

  const candidates = [
    ...ROUTES.flatMap((path) => [path, `${path}/`, `${path}//`, path.toUpperCase(), path.slice(0, -1), `${path}x`]),
    '/\u212a', // KELVIN SIGN lower-cases to "k", which a case-insensitive regular expression does not match
    '/\u212a/',
    '/he\u0130lth',
    '/HEALTH\u0000',
    '/a_b',
    '/a%2eb',
    '',
  ];

  it.each(candidates)("finds %j where Express's router does, and only there", (candidate) => {
    const expected = matchers.find(({ matches }) => matches(candidate) !== false)?.path;
    const found = table.lookup('GET', candidate)?.[0];
    expect(found === undefined ? undefined : (found as () => string)()).toBe(expected);
  });

  it('answers HEAD from a GET route, and nothing for another method', () => {
    expect(table.lookup('HEAD', '/health')).toHaveLength(1);
    expect(table.lookup('POST', '/health')).toBeUndefined();
  });

  it('takes fixed paths only', () => {
    expect(['/api/v1/sessions/read', '/', '/docs-json', '/docs/swagger-ui-init.js'].every((path) => StaticRouteTable.accepts(path))).toBe(true);
    expect(['/users/:id', '/files/*path', '/a{/b}', '/a\\:b', '*', 'relative', 7].some((path) => StaticRouteTable.accepts(path))).toBe(false);
  });
});
