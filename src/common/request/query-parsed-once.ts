import type { NextFunction, Request, Response } from 'express';

/**
 * Pipeline stage: the query string is parsed once per request. Express 5's `request.query` is a
 * getter that runs the query parser (qs, for nested params) on every read, and a request reads
 * it several times: the token (`?token=`), the view params, the ValidationPipe, the request log.
 * On `?client_id=1` each parse cost more than the route's own validation. The parsed object
 * becomes the request's own property, read as often as needed.
 */
export function queryParsedOnce(request: Request, _response: Response, next: NextFunction): void {
  Object.defineProperty(request, 'query', { value: request.query, writable: true, enumerable: true, configurable: true });
  next();
}
