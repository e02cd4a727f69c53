import type { NextFunction, Request, Response } from 'express';
import { PlanoException } from '../status/plano.exception.js';
import type { RouteCatalog } from './route-catalog.js';
import type { RouteGate } from './route-gate.js';

/** Every route under /api/ is a controller's: the catalogue knows them all. */
const API_PATH = /^\/api\//i;

/**
 * Pipeline stage 2: match the request to a route before anything route-specific happens (body
 * decoding depends on the route's sensitive-params flag; guards come after), then ask the gate
 * whether it is deployed (`route-not-found`, `service-not-found`). A path under /api/ that matches
 * no route is `route-non-existent` at once. Any other unmatched request is left unidentified and
 * falls through to the router, whose not-found handler the exception filter renders as
 * `route-non-existent` too; that way routes mounted outside the controllers (the Swagger UI) keep
 * working. An unexpected error here is thrown before `state.route` is set, so the filter renders
 * it as `identify-request-error`.
 */
export function routeIdentificationMiddleware(routes: RouteCatalog, gate: RouteGate) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    try {
      const state = request.plano;
      const route = routes.identify(request.method, request.path);
      if (!route) return next(API_PATH.test(request.path) ? new PlanoException('route-non-existent') : undefined);
      const refusal = gate.refusalFor(route);
      if (state) state.route = route;
      next(refusal ? new PlanoException(refusal) : undefined);
    } catch (error) {
      next(error);
    }
  };
}
