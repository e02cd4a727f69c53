import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import finalhandler from 'finalhandler';
import { writeJson } from './json-response.js';
import { StaticRouteTable, type RouteHandler } from './static-route-table.js';

/** Turns what a handler returned into the body written for it (the platform's envelope). */
export type HandlerResultRenderer = (result: unknown, request: Request) => unknown;

/** A layer of Express's router, as far as the adapter looks at it. */
type Layer = { handle: (...args: never[]) => unknown; match(path: string): unknown };

/** Express's error-middleware signature, as Nest registers its error handler. */
export type ErrorHandler = (error: unknown, request: Request, response: Response, next: NextFunction) => void;

/**
 * Nest's Express adapter with two changes on the request path, both for what every request pays:
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
 */
export class PlanoExpressAdapter extends ExpressAdapter {
  /** The table of the fixed-path routes registered since the last other layer, and its layer. */
  private current: { table: StaticRouteTable; layer: Layer } | undefined;

  /** The error handler Nest registers at init: it runs the global exception filter. */
  private errorHandler: ErrorHandler | undefined;

  /** The layers `dispatch` may run itself; any other layer a request meets sends it to Express. */
  private readonly known: KnownLayers;
  private sorted: { readonly stackLength: number; readonly entries: readonly Entry[] } | undefined;

  constructor(private readonly renderResult: HandlerResultRenderer) {
    super();
    // ExpressAdapter's constructor registered its hooks layer, which does nothing until a hook is set.
    this.known = { hooks: this.routerStack()[0], hooked: false, steps: new Set(), tables: new Map() };
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
    this.known.hooked = true;
    super.setOnRequestHook(...args);
  }

  override setOnResponseHook(...args: Parameters<ExpressAdapter['setOnResponseHook']>): void {
    this.known.hooked = true;
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

  /** The stack as `dispatch` walks it, sorted out again when a layer was added since. */
  private entries(): readonly Entry[] {
    const stack = this.routerStack();
    if (this.sorted?.stackLength !== stack.length) this.sorted = { stackLength: stack.length, entries: entriesOf(stack, this.known) };
    return this.sorted.entries;
  }

  /** The HTTP server Nest listens on answers through `dispatch` rather than the Express app. */
  override initHttpServer(...args: Parameters<ExpressAdapter['initHttpServer']>): void {
    super.initHttpServer(...args);
    const server = this.getHttpServer() as import('node:events').EventEmitter;
    server.removeListener('request', this.instance);
    server.on('request', this.dispatch);
  }

  /**
   * Answers a request as the Express app would. When every layer that takes part in it is one of
   * the adapter's own, they are run here in Express's order, with the request and response set up
   * as Express sets them up; Express's router would walk the same layers, at a dozen closures and
   * a match object per layer per request (for a token check 244 → 223 µs of CPU, for an unknown
   * route 251 → 202 µs, on one core beside a bare Express process). Any other request is the
   * Express app's, untouched: an OPTIONS request (Express answers those from its routes), an
   * absolute-form URL, a hook set through Nest, or a path some other layer matches (Swagger UI's
   * assets, a route with params).
   */
  readonly dispatch = (request: IncomingMessage, response: ServerResponse): void => {
    const app = this.instance as Express;
    const req = request as Request;
    const res = response as Response;
    if (this.known.hooked || req.method === 'OPTIONS' || req.url?.[0] !== '/') return void app(req, res);
    // What app.handle does first; `req.path` reads the URL through the request's Express prototype.
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    const plan = planOf(this.entries(), req.method, req.path);
    if (plan === undefined) return void app(req, res);
    if (app.enabled('x-powered-by')) res.setHeader('X-Powered-By', 'Express');
    req.res = res;
    res.req = req;
    res.locals ??= Object.create(null) as Record<string, unknown>;
    // What Express's router sets for a layer mounted at the root.
    req.originalUrl ??= req.url;
    req.baseUrl = '';
    req.params = {};
    runPlan(plan, req, res, () => finalhandler(req, res, { env: app.get('env') as string }));
  };

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

/** What `dispatch` knows of the router's stack. */
interface KnownLayers {
  /** Nest's hooks layer, which passes every request on while no hook is set... */
  readonly hooks: Layer | undefined;
  /** ...and whether one has been. */
  hooked: boolean;
  /** Layers at the root that take every request: the pipeline, Nest's not-found handler. */
  readonly steps: Set<Layer>;
  /** The route tables' layers. */
  readonly tables: Map<Layer, StaticRouteTable>;
}

/** One layer of the stack, as `dispatch` treats it. */
type Entry =
  | { readonly kind: 'step'; readonly handler: RouteHandler }
  | { readonly kind: 'table'; readonly table: StaticRouteTable }
  | { readonly kind: 'error'; readonly handler: ErrorHandler }
  | { readonly kind: 'other'; readonly layer: Layer };

/** The stack sorted out once, and again whenever a layer is added: the walk per request then only looks routes up. */
function entriesOf(stack: readonly Layer[], known: KnownLayers): Entry[] {
  const entries: Entry[] = [];
  for (const layer of stack) {
    const table = known.tables.get(layer);
    // Express's rule: a handler with four parameters handles errors, and only errors.
    if (layer.handle.length > 3) entries.push({ kind: 'error', handler: layer.handle as unknown as ErrorHandler });
    else if (known.steps.has(layer)) entries.push({ kind: 'step', handler: layer.handle as unknown as RouteHandler });
    else if (table) entries.push({ kind: 'table', table });
    else if (layer !== known.hooks) entries.push({ kind: 'other', layer });
  }
  return entries;
}

/** The handlers a request meets, in Express's order: the request's, then those for an error. */
interface Plan {
  readonly steps: readonly RouteHandler[];
  readonly errorHandlers: readonly ErrorHandler[];
}

/**
 * Walks the stack as Express's router would for this method + pathname, answering the handlers it
 * would run; undefined as soon as a layer only Express can run would take part (a mount, a route
 * of its own, any other middleware), or a request handler comes after an error handler (where an
 * error goes would then depend on which layer raised it).
 */
function planOf(entries: readonly Entry[], method: string, pathname: string): Plan | undefined {
  const steps: RouteHandler[] = [];
  const errorHandlers: ErrorHandler[] = [];
  for (const entry of entries) {
    if (entry.kind === 'error') {
      errorHandlers.push(entry.handler);
      continue;
    }
    if (entry.kind === 'other') {
      if (takesPart(entry.layer, pathname)) return undefined;
      continue;
    }
    const handlers = entry.kind === 'step' ? entry.handler : entry.table.lookup(method, pathname);
    if (handlers === undefined) continue;
    if (errorHandlers.length > 0) return undefined;
    if (typeof handlers === 'function') steps.push(handlers);
    else for (const handler of handlers) steps.push(handler);
  }
  return { steps, errorHandlers };
}

/** Whether Express's router would hand this path to the layer (a matching error counts: Express deals with it). */
function takesPart(layer: Layer, pathname: string): boolean {
  try {
    return layer.match(pathname) !== false;
  } catch {
    return true;
  }
}

/**
 * Runs the plan's steps in turn, each passing on with `next()` as in Express; an error (passed,
 * thrown or rejected) goes to the error handlers in turn. Past the last handler, Express's final
 * handler (`finish`: a 404, or the error's status) answers, as it would in Express.
 */
function runPlan(plan: Plan, request: Request, response: Response, finish: () => (error?: unknown) => void): void {
  let index = 0;
  const fail = (error: unknown, from: number): void => {
    const handler = plan.errorHandlers[from];
    if (handler === undefined) return finish()(error);
    try {
      handler(error, request, response, ((next?: unknown) => (next == null ? finish()() : fail(next, from + 1))) as NextFunction);
    } catch (thrown) {
      fail(thrown, from + 1);
    }
  };
  const next = ((error?: unknown): void => {
    // 'route' skips the rest of a route's handlers: each table entry here is a route of its own.
    if (error === 'router') return finish()();
    if (error !== undefined && error !== null && error !== 'route') return fail(error, 0);
    const step = plan.steps[index];
    index += 1;
    if (step === undefined) return finish()();
    try {
      const returned = step(request, response, next) as { then?: unknown } | undefined;
      if (returned && typeof returned.then === 'function') {
        (returned as PromiseLike<unknown>).then(undefined, (rejection: unknown) => fail(rejection ?? new Error('Rejected promise'), 0));
      }
    } catch (thrown) {
      fail(thrown, 0);
    }
  }) as NextFunction;
  request.next = next;
  next();
}
