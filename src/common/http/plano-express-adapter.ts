import { ExpressAdapter } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { writeJson } from './json-response.js';
import { StaticRouteTable, type RouteHandler } from './static-route-table.js';

/** Turns what a handler returned into the body written for it (the platform's envelope). */
export type HandlerResultRenderer = (result: unknown, request: Request) => unknown;

type Layer = { handle: unknown };

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
 */
export class PlanoExpressAdapter extends ExpressAdapter {
  /** The table of the fixed-path routes registered since the last other layer, and its layer. */
  private current: { table: StaticRouteTable; layer: Layer } | undefined;

  /** The error handler Nest registers at init: it runs the global exception filter. */
  private errorHandler: ErrorHandler | undefined;

  constructor(private readonly renderResult: HandlerResultRenderer) {
    super();
  }

  override setErrorHandler(handler: ErrorHandler, prefix?: string): unknown {
    this.errorHandler = handler;
    return super.setErrorHandler(handler, prefix);
  }

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
