import { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

/** The classes an HTTP server makes its requests and responses with (http.createServer's options). */
export interface MessageClasses {
  readonly IncomingMessage: typeof IncomingMessage;
  readonly ServerResponse: typeof ServerResponse;
}

/**
 * Node's request and response classes, with `app.request` and `app.response` (Express's methods:
 * `req.path`, `res.status`, …) spliced into their prototype chains. An HTTP server made with them
 * hands out requests and responses that already are what Express makes of each one.
 *
 * Why: Express gives every request and response its prototypes with Object.setPrototypeOf, and
 * V8 then builds new hidden classes for the two objects, on every request. In a bare Node server
 * that, with the fields Express adds, allocated 17.1 KB a request against 6.2 KB for the same
 * objects born with these prototypes (sampled under load; the platform's unknown route allocated
 * 45 KB a request in all).
 */
export function expressMessageClasses(app: Express): MessageClasses {
  class ExpressRequest extends IncomingMessage {}
  // Generic as Node's own, so that it still types as `typeof ServerResponse` for createServer.
  class ExpressResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {}
  // app.request and app.response already inherit from IncomingMessage's and ServerResponse's prototypes.
  Object.setPrototypeOf(ExpressRequest.prototype, app.request);
  Object.setPrototypeOf(ExpressResponse.prototype, app.response);
  return { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse };
}
