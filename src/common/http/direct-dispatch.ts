import type { NextFunction, Request, Response } from 'express';
import { callHandler, type RouteHandler, type StaticRouteTable } from './static-route-table.js';

/** A layer of Express's router, as far as dispatch looks at it. */
export type Layer = { readonly handle: (...args: never[]) => unknown; match(path: string): unknown };

/** Express's error-middleware signature, as Nest registers its error handler. */
export type ErrorHandler = (error: unknown, request: Request, response: Response, next: NextFunction) => void;

/** What answers when the layers have all passed the request on: Express's final handler. */
export type FinalHandler = (request: Request, response: Response, error?: unknown) => void;

/** The layers the adapter registered itself, which DirectDispatch knows how to run. */
export interface KnownLayers {
  /** Nest's hooks layer: it passes every request on while no hook is set (the adapter checks that). */
  readonly hooks: Layer | undefined;
  /** Layers at the root that take every request: the pipeline, Nest's not-found handler. */
  readonly steps: ReadonlySet<Layer>;
  /** The route tables' layers. */
  readonly tables: ReadonlyMap<Layer, StaticRouteTable>;
}

/** One layer of the stack, as DirectDispatch treats it. */
type Entry =
  | { readonly kind: 'step'; readonly handler: RouteHandler }
  | { readonly kind: 'table'; readonly table: StaticRouteTable }
  | { readonly kind: 'other' };

/**
 * The router's stack, sorted out once, for running a request through it without Express's
 * router. Express's router walks the stack with a dozen closures and a match object per layer per
 * request; here a request whose path only known layers take (admits) runs through them with two
 * closures, in the order and with the `next` semantics Express gives them: a handler passes on
 * with `next()`, an error (passed, thrown or rejected) goes to the error handlers in turn, and
 * past the last one the final handler answers.
 */
export class DirectDispatch {
  private constructor(
    private readonly entries: readonly Entry[],
    /** The layers only Express can run; a request any of them takes part in is Express's. */
    private readonly others: readonly Layer[],
    private readonly errorHandlers: readonly ErrorHandler[],
    /** No layer after the first error handler: where an error goes then does not depend on which layer raised it. */
    private readonly errorHandlersLast: boolean,
  ) {}

  static of(stack: readonly Layer[], known: KnownLayers): DirectDispatch {
    const entries: Entry[] = [];
    const others: Layer[] = [];
    const errorHandlers: ErrorHandler[] = [];
    let errorHandlersLast = true;
    for (const layer of stack) {
      // Express's rule: a handler with four parameters handles errors, and only errors.
      if (layer.handle.length > 3) {
        errorHandlers.push(layer.handle as unknown as ErrorHandler);
        continue;
      }
      if (layer === known.hooks) continue;
      if (errorHandlers.length > 0) errorHandlersLast = false;
      const table = known.tables.get(layer);
      if (known.steps.has(layer)) entries.push({ kind: 'step', handler: layer.handle as unknown as RouteHandler });
      else if (table) entries.push({ kind: 'table', table });
      else {
        entries.push({ kind: 'other' });
        others.push(layer);
      }
    }
    return new DirectDispatch(entries, others, errorHandlers, errorHandlersLast);
  }

  /** Whether a request for this path meets known layers only, so that `run` answers it as Express would. */
  admits(pathname: string): boolean {
    if (!this.errorHandlersLast) return false;
    for (const layer of this.others) {
      if (takesPart(layer, pathname)) return false;
    }
    return true;
  }

  /** Runs an admitted request through the stack's handlers, in Express's order. */
  run(request: Request, response: Response, method: string, pathname: string, finish: FinalHandler): void {
    const { entries, errorHandlers } = this;
    let index = 0;
    // The handlers a table holds for this request, run in turn before the next layer.
    let routeHandlers: readonly RouteHandler[] | undefined;
    let routeIndex = 0;

    const fail = (error: unknown, from = 0): void => {
      const handler = errorHandlers[from];
      if (handler === undefined) return finish(request, response, error);
      try {
        // No layer comes after the error handlers: passing on without an error reaches the final handler.
        handler(error, request, response, ((passed?: unknown) => (passed == null ? finish(request, response) : fail(passed, from + 1))) as NextFunction);
      } catch (thrown) {
        fail(thrown, from + 1);
      }
    };

    const next = ((error?: unknown): void => {
      if (error === 'router') return finish(request, response);
      // 'route' skips the rest of one route's handlers: a table holds one handler per route.
      if (error !== undefined && error !== null && error !== 'route') return fail(error);
      let handler: RouteHandler | undefined;
      while (handler === undefined) {
        if (routeHandlers !== undefined && routeIndex < routeHandlers.length) {
          handler = routeHandlers[routeIndex];
          routeIndex += 1;
          continue;
        }
        const entry = entries[index];
        index += 1;
        if (entry === undefined) return finish(request, response);
        if (entry.kind === 'step') handler = entry.handler;
        else if (entry.kind === 'table') {
          routeHandlers = entry.table.lookup(method, pathname);
          routeIndex = 0;
        }
        // An 'other' layer does not take part in an admitted request.
      }
      callHandler(handler, request, response, next, fail);
    }) as NextFunction;

    request.next = next;
    next();
  }
}

/** Whether Express's router would hand this path to the layer (one that fails to match counts: Express deals with it). */
function takesPart(layer: Layer, pathname: string): boolean {
  try {
    return layer.match(pathname) !== false;
  } catch {
    return true;
  }
}
