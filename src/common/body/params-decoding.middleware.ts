import type { NextFunction, Request, Response } from 'express';
import { decodeParams } from './params-decoder.js';

/**
 * Pipeline stage 3: decode the body into params once the route is known, and before the guards
 * run. This is deliberately middleware rather than a Nest pipe: Nest runs pipes after guards, and
 * the token guard must be able to read a `token` param from a (possibly base64-encoded) body, as
 * the contract's order (decoding → token → role → params) requires.
 */
export function paramsDecodingMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const state = request.plano;
  if (!state?.route) return next(); // not a route of ours: nothing to decode, the router answers
  try {
    request.body = decodeParams(state.rawBody, state.bodyFormat, state.route.sensitiveParams);
    next();
  } catch (error) {
    next(error);
  }
}
