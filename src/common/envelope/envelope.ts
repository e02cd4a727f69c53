import { STATUS_CATALOGUE, type StatusSlug, type SuccessSlug } from '../status/status-catalogue.js';
import type { ParamError } from '../status/plano.exception.js';

/** The shape of every response body (CONTRACT.md §2). */
export interface Envelope<T = unknown> {
  status: StatusSlug;
  message: string;
  data: T | null;
  /** The caller's session view whenever a session was identified (filled in by the Sessions module). */
  session: unknown;
  errors: readonly ParamError[] | null;
  request_id: string;
}

export interface EnvelopeParts<T> {
  readonly message?: string;
  readonly data?: T | null;
  readonly session?: unknown;
  readonly errors?: readonly ParamError[] | null;
}

export function envelope<T>(status: StatusSlug, requestId: string, parts: EnvelopeParts<T> = {}): Envelope<T> {
  return {
    status,
    message: parts.message ?? STATUS_CATALOGUE[status].message,
    data: parts.data ?? null,
    session: parts.session ?? null,
    errors: parts.errors ?? null,
    request_id: requestId,
  };
}

/**
 * What a handler returns when the envelope needs more than `data`: a new session view on
 * `sessions/create`, or a success status other than `action-successful`
 * (`client-created-for-existing-email`). A plain return value is the `data` of an
 * `action-successful` envelope.
 */
export class ActionResult<T> {
  constructor(
    readonly data: T,
    readonly options: { readonly message?: string; readonly session?: unknown; readonly status?: SuccessSlug } = {},
  ) {}
}
