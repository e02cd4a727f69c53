import type { Request } from 'express';
import type { StatusSlug } from '../status/status-catalogue.js';
import type { RouteDescriptor } from '../routing/route-descriptor.js';

/** How the request body was sent, once its content type has been accepted. */
export type BodyFormat = 'json' | 'text';

/**
 * What the pipeline learns about one request as it goes, in the order CONTRACT.md §3 gives.
 * It lives on the request so every stage (middleware, guards, filter, log line) reads one record.
 */
export interface RequestState {
  readonly requestId: string;
  readonly startedAt: bigint;
  /** The raw body text and how it was sent; undefined when the request had no body. */
  rawBody?: string;
  bodyFormat?: BodyFormat;
  /** Set once the request has been matched to a route; unset means "not identified (yet)". */
  route?: RouteDescriptor;
  /** Who is calling, once the auth guard has checked the token (typed by the Sessions module). */
  auth?: unknown;
  /** The caller's session view, rendered in the envelope's `session` whenever it is set. */
  sessionView?: unknown;
  /** The slug rendered in the envelope, for the request log line. */
  statusSlug?: StatusSlug;
}

declare module 'express-serve-static-core' {
  interface Request {
    plano?: RequestState;
  }
}

export function requestStateOf(request: Request): RequestState | undefined {
  return request.plano;
}
