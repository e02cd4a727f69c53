import type { NextFunction, Request, Response } from 'express';
import { PlanoException } from '../status/plano.exception.js';
import type { RouteCatalog } from './route-catalog.js';
import type { RouteGate } from './route-gate.js';

/**
 * Pipeline stage 2: match the request to a route before anything route-specific happens (body
 * decoding depends on the route's sensitive-params flag; guards come after), then ask the gate
 * whether it is deployed (`route-not-found`, `service-not-found`). A request that matches no
 * route is left unidentified and falls through to the router's not-found handler, which the
 * exception filter renders as `route-non-existent`; that way routes mounted outside the
 * controllers (the Swagger UI) keep working. An unexpected error here is thrown before
 * `state.route` is set, so the filter renders it as `identify-request-error`.
 */
export function routeIdentificationMiddleware(routes: RouteCatalog, gate: RouteGate) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    try {
      const state = request.plano;
      const route = routes.identify(request.method, request.path);
      if (!route) return next();
      const refusal = gate.refusalFor(route);
      if (state) state.route = route;
      next(refusal ? new PlanoException(refusal) : undefined);
    } catch (error) {
      next(error);
    }
  };
}
