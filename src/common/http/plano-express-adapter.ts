import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import finalhandler from 'finalhandler';
import { DirectDispatch, type ErrorHandler, type FinalHandler, type Layer } from './direct-dispatch.js';
import { expressMessageClasses, type MessageClasses } from './express-messages.js';
import { writeJson } from './json-response.js';
import { StaticRouteTable, type RouteHandler } from './static-route-table.js';

/** Turns what a handler returned into the body written for it (the platform's envelope). */
export type HandlerResultRenderer = (result: unknown, request: Request) => unknown;

export type { ErrorHandler } from './direct-dispatch.js';

/**
 * Nest's Express adapter with four changes on the request path, all for what every request pays:
 *
 * - **Routes with a fixed path live in a table** (StaticRouteTable): one Express layer looks the
 *   request's method + path up, instead of Express testing it against each route layer in turn.
 *   Routes are kept in the order Nest registers them: a run of fixed-path routes shares one table
 *   layer, and anything registered in between (a static-files mount, a route with params) stays
 *   its own layer between two tables, so Express still meets everything in registration order.
 * - **A handler's return value is rendered by `renderResult`** (the envelope) as it is written.
 *   Nest can only do that in an interceptor otherwise, and any interceptor wraps every request in
 *   a chain of rxjs observables: a sixth of what a token check allocated. Only handler results
 *   reach `reply`: the exception filter writes its own answers.
 * - **Express's router is skipped when it would only walk known layers** (`dispatch`, the HTTP
 *   server's request listener): for a request whose layers are all the adapter's own (the
 *   pipeline, the route tables, Nest's not-found and error handlers), it runs them in the order
 *   Express would, without Express's per-request dispatch machinery. Anything else goes to
 *   Express as before.
 * - **The HTTP server's requests and responses are born with Express's prototypes**
 *   (expressMessageClasses), rather than given them one by one as each request arrives.
 */
export class PlanoExpressAdapter extends ExpressAdapter {
  /** The table of the fixed-path routes registered since the last other layer, and its layer. */
  private current: { table: StaticRouteTable; layer: Layer } | undefined;

  /** The error handler Nest registers at init: it runs the global exception filter. */
  private errorHandler: ErrorHandler | undefined;

  /** The layers registered here, which `dispatch` may run itself (see DirectDispatch). */
  private readonly known: { readonly hooks: Layer | undefined; readonly steps: Set<Layer>; readonly tables: Map<Layer, StaticRouteTable> };

  /** Whether Nest was given a request or response hook: its layer then does work of its own. */
  private hooked = false;

  /** The request and response classes of the server made here, born with this app's Express prototypes. */
  private readonly messages: MessageClasses;

  /** The stack as `dispatch` runs it, and the stack's length it was sorted out at. */
  private direct: { readonly stackLength: number; readonly dispatch: DirectDispatch } | undefined;

  constructor(private readonly renderResult: HandlerResultRenderer) {
    super();
    // ExpressAdapter's constructor registered its hooks layer, which does nothing until a hook is set.
    this.known = { hooks: this.routerStack()[0], steps: new Set(), tables: new Map() };
    this.messages = expressMessageClasses(this.instance as Express);
  }

  /**
   * Registers the request pipeline, which runs for every request before any route (app.use
   * without a path), as a layer `dispatch` can run itself.
   */
  usePipeline(pipeline: RouteHandler): void {
    this.instance.use(pipeline);
    this.known.steps.add(this.routerStack().at(-1) as Layer);
  }

  override setOnRequestHook(...args: Parameters<ExpressAdapter['setOnRequestHook']>): void {
    this.hooked = true;
    super.setOnRequestHook(...args);
  }

  override setOnResponseHook(...args: Parameters<ExpressAdapter['setOnResponseHook']>): void {
    this.hooked = true;
    super.setOnResponseHook(...args);
  }

  override setNotFoundHandler(handler: RouteHandler, prefix?: string, ...rest: unknown[]): unknown {
    const before = this.routerStack().length;
    const registered = (super.setNotFoundHandler as (...args: unknown[]) => unknown)(handler, prefix, ...rest);
    // Without a prefix, Nest's not-found handler is one plain layer; with one, a router of its own.
    if (!prefix && this.routerStack().length === before + 1) this.known.steps.add(this.routerStack().at(-1) as Layer);
    return registered;
  }

  override setErrorHandler(handler: ErrorHandler, prefix?: string): unknown {
    this.errorHandler = handler;
    return super.setErrorHandler(handler, prefix);
  }

  /** The stack as `dispatch` runs it, sorted out again when a layer was added since. */
  private directDispatch(): DirectDispatch {
    const stack = this.routerStack();
    if (this.direct?.stackLength !== stack.length) this.direct = { stackLength: stack.length, dispatch: DirectDispatch.of(stack, this.known) };
    return this.direct.dispatch;
  }

  /**
   * The HTTP server Nest listens on: it answers through `dispatch` rather than the Express app, and
   * makes its requests and responses with Express's prototypes already in place. With HTTPS or
   * either of the shutdown options, which Nest sets up around a server of its own making, it is
   * Nest's server, still answering through `dispatch` (each request then gets its prototypes as
   * it arrives, as in Express).
   */
  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.return503OnClosing || options?.forceCloseConnections) {
      super.initHttpServer(options);
      const server = this.getHttpServer() as Server;
      server.removeListener('request', this.instance);
      server.on('request', this.dispatch);
      return;
    }
    this.setHttpServer(createServer(this.messages, this.dispatch));
  }

  /**
   * The HTTP server's request listener: answers a request as the Express app would. When only
   * the adapter's own layers take part in it (the pipeline, the route tables, Nest's not-found and
   * error handlers), DirectDispatch runs them, with the request and response set up as Express
   * sets them up: 1–5 % less CPU per request (sessions/read 278 → 274 µs, the unknown route
   * 215 → 205 and 199 → 198 µs; medians of 14–16 two-second turns beside the build before, server
   * on one core). Any other request is the Express app's, untouched: OPTIONS (Express answers
   * those from its routes), an absolute-form URL, a hook set through Nest, a path some other layer
   * takes (Swagger UI's assets, a route with params).
   */
  readonly dispatch = (request: IncomingMessage, response: ServerResponse): void => {
    const app = this.instance as Express;
    const req = request as Request;
    const res = response as Response;
    if (this.hooked || req.method === 'OPTIONS' || req.url?.[0] !== '/') return void app(req, res);
    // What app.handle does first, unless the server made them so (initHttpServer); `req.path`
    // reads the URL through the request's Express prototype.
    if (!(req instanceof this.messages.IncomingMessage)) {
      Object.setPrototypeOf(req, app.request);
      Object.setPrototypeOf(res, app.response);
    }
    const pathname = req.path;
    const direct = this.directDispatch();
    if (!direct.admits(pathname)) return void app(req, res);
    if (app.enabled('x-powered-by')) res.setHeader('X-Powered-By', 'Express');
    req.res = res;
    res.req = req;
    res.locals ??= Object.create(null) as Record<string, unknown>;
    // What Express's router sets for a layer mounted at the root.
    req.originalUrl ??= req.url;
    req.baseUrl = '';
    req.params = {};
    direct.run(req, res, req.method, pathname, this.finish);
  };

  /** Express's final handler, as app.handle makes it, less its stack trace on stderr (the platform logs failures itself). */
  private readonly finish: FinalHandler = (request, response, error) => finalhandler(request, response, { env: this.instance.get('env') as string })(error);

  /**
   * Hands an error raised before routing (the request pipeline) straight to Nest's error handler,
   * which Express would otherwise reach only after offering the error to every layer registered
   * in between, each matched against the path: for an unknown route 45 → 41 KB allocated and
   * 286 → 275 µs of CPU per request. Before Nest has registered its handler, Express's way.
   */
  readonly failBeforeRouting: ErrorHandler = (error, request, response, next) => {
    if (this.errorHandler) this.errorHandler(error, request, response, next);
    else next(error);
  };

  /**
   * Nest calls this with every handler's result and the route's status code (200, or @HttpCode's).
   * What it writes is always the rendered envelope, JSON: Nest's own reply would hand it to
   * `response.json`, with the work writeJson leaves out.
   */
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    writeJson(response, statusCode ?? response.statusCode, this.renderResult(body, response.req));
    return response;
  }

  override get(...args: unknown[]): unknown {
    return this.route('GET', args) ?? this.onExpress('get', args);
  }

  override post(...args: unknown[]): unknown {
    return this.route('POST', args) ?? this.onExpress('post', args);
  }

  override put(...args: unknown[]): unknown {
    return this.route('PUT', args) ?? this.onExpress('put', args);
  }

  override patch(...args: unknown[]): unknown {
    return this.route('PATCH', args) ?? this.onExpress('patch', args);
  }

  override delete(...args: unknown[]): unknown {
    return this.route('DELETE', args) ?? this.onExpress('delete', args);
  }

  override head(...args: unknown[]): unknown {
    return this.route('HEAD', args) ?? this.onExpress('head', args);
  }

  override options(...args: unknown[]): unknown {
    return this.route('OPTIONS', args) ?? this.onExpress('options', args);
  }

  /**
   * Adds `(path, handler)` to the current table, opening a new table layer when something else
   * was registered since; answers undefined when Express must take the route itself: another
   * call shape (`app.get('etag')` reads a setting), a path with params, or an app that changed
   * Express's matching (case-sensitive or strict routing).
   */
  private route(method: string, args: unknown[]): unknown {
    const [path, handler] = args;
    if (args.length !== 2 || !StaticRouteTable.accepts(path) || typeof handler !== 'function' || !this.matchesLikeExpressDefaults()) {
      return undefined;
    }
    if (this.current === undefined || this.routerStack().at(-1) !== this.current.layer) {
      const table = new StaticRouteTable();
      this.instance.use(table.middleware());
      this.current = { table, layer: this.routerStack().at(-1) as Layer };
      this.known.tables.set(this.current.layer, table);
    }
    this.current.table.add(method, path, handler as RouteHandler);
    return this.instance;
  }

  /** What ExpressAdapter itself does with the call: pass it to the Express app. */
  private onExpress(method: string, args: unknown[]): unknown {
    return (this.instance as Record<string, (...args: unknown[]) => unknown>)[method](...args);
  }

  /** Express's router takes its matching settings when it is created, and ignores later changes. */
  private matchesLikeExpressDefaults(): boolean {
    const router = this.router();
    return !router.caseSensitive && !router.strict;
  }

  private routerStack(): Layer[] {
    return this.router().stack;
  }

  private router(): { stack: Layer[]; caseSensitive?: boolean; strict?: boolean } {
    return this.instance.router as { stack: Layer[]; caseSensitive?: boolean; strict?: boolean };
  }
}
