import type { NextFunction, Request, Response } from 'express';

/** An Express request handler as Nest registers it for a route. */
export type RouteHandler = (request: Request, response: Response, next: NextFunction) => unknown;

/**
 * Paths with nothing for path-to-regexp to interpret: no `:param`, `*wildcard`, `{optional}` or
 * escape. Every route of the platform's controllers is one (`/api/v1/sessions/read`, `/health`).
 */
const FIXED_PATH = /^\/[A-Za-z0-9_.\-/]*$/;

/** Characters outside ASCII: Express's case-insensitive match never pairs one with an ASCII route character. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Routes with a fixed path, looked up by method + path in one map, answering exactly what
 * Express's router would: Express 5 tests a request against every route layer in turn (a
 * path-to-regexp match each, 40-odd for a route near the end of this app's list, and all of them
 * for a path no route serves), where a fixed path needs one lookup.
 *
 * Express's defaults, kept here: matching ignores ASCII case; a route's own trailing slashes are
 * dropped, and it matches its path with one trailing slash added (`/health/` reaches `/health`,
 * `/health//` does not); a GET route answers
 * HEAD; of two routes for one method + path, the first registered runs, and the next one only
 * when the first calls `next()`. The path matched is the raw (undecoded) pathname, as Express's.
 */
export class StaticRouteTable {
  private readonly handlers = new Map<string, RouteHandler[]>();

  /** Whether `path` can live in a table (otherwise Express's router takes it). */
  static accepts(path: unknown): path is string {
    return typeof path === 'string' && FIXED_PATH.test(path);
  }

  get size(): number {
    return this.handlers.size;
  }

  add(method: string, path: string, handler: RouteHandler): void {
    const upper = method.toUpperCase();
    // Express drops a route's trailing slashes before matching: `/docs/` is the route `/docs`.
    const lower = path === '/' ? path : path.toLowerCase().replace(/\/+$/, '');
    for (const matched of [lower, `${lower}/`]) {
      this.append(`${upper} ${matched}`, handler);
      if (upper === 'GET') this.append(`HEAD ${matched}`, handler);
    }
  }

  /** The handlers for this method + raw pathname, in registration order; undefined when none. */
  lookup(method: string, pathname: string): readonly RouteHandler[] | undefined {
    if (NON_ASCII.test(pathname)) return undefined;
    return this.handlers.get(`${method} ${pathname.toLowerCase()}`);
  }

  /**
   * The table as one Express middleware: a request whose method + path it holds runs that route's
   * handler, as Express's route layer would (errors, thrown or rejected, go to `next`); any other
   * request passes on untouched.
   */
  middleware(): RouteHandler {
    return (request, response, next) => {
      const handlers = this.lookup(request.method, request.path);
      if (handlers === undefined) return next();
      runInTurn(handlers, 0, request, response, next);
    };
  }

  private append(key: string, handler: RouteHandler): void {
    const existing = this.handlers.get(key);
    if (existing) existing.push(handler);
    else this.handlers.set(key, [handler]);
  }
}

function runInTurn(handlers: readonly RouteHandler[], index: number, request: Request, response: Response, done: NextFunction): void {
  const handler = handlers[index];
  if (handler === undefined) return done();
  const next = ((error?: unknown) => {
    // Express's `next('route')` skips the rest of this route's handlers; with one handler per route, it is plain next().
    if (error !== undefined && error !== null && error !== 'route') return done(error);
    runInTurn(handlers, index + 1, request, response, done);
  }) as NextFunction;
  callHandler(handler, request, response, next, done);
}

/**
 * Calls a handler as Express's layer does: what it throws, and what the promise it returns
 * rejects with, go to `fail` (a rejection without a reason as an Error, as Express words it).
 */
export function callHandler(handler: RouteHandler, request: Request, response: Response, next: NextFunction, fail: (error: unknown) => void): void {
  try {
    const returned = handler(request, response, next) as { then?: unknown } | undefined;
    if (returned && typeof returned.then === 'function') {
      (returned as PromiseLike<unknown>).then(undefined, (error: unknown) => fail(error ?? new Error('Rejected promise')));
    }
  } catch (error) {
    fail(error);
  }
}
