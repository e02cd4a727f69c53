import type { NextFunction, Request, Response } from 'express';
import type { RouteCatalog } from './route-catalog.js';

/**
 * Pipeline stage 2: match the request to a route before anything route-specific happens (body
 * decoding depends on the route's sensitive-params flag; guards come after). A request that
 * matches no route is left unidentified and falls through to the router's not-found handler,
 * which the exception filter renders as `route-non-existent`; that way routes mounted outside the
 * controllers (the Swagger UI) keep working.
 */
export function routeIdentificationMiddleware(routes: RouteCatalog) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const state = request.plano;
    const route = routes.identify(request.method, request.path);
    if (state && route) state.route = route;
    next();
  };
}
