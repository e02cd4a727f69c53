import type { StatusSlug } from '../status/status-catalogue.js';

/**
 * Where a notifying failure goes once the exception filter has rendered its status. A port, so
 * common/ (the filter) does not import the feature that keeps the notifications tab; the
 * notifications module provides it under FAILURE_REPORTER.
 */
export const FAILURE_REPORTER = Symbol('FAILURE_REPORTER');

/** A failure whose status notifies (application-crash, identify-request-error, mandrill-email-failed). */
export interface NotifyingFailure {
  readonly kind: StatusSlug;
  /** The route's name, or `METHOD /path` when the failure came before the route was identified. */
  readonly route: string;
  readonly requestId: string | null;
  /** The one-line description for the notifications tab: no stack, no SQL, no paths. */
  readonly message: string;
  /** The error itself: the reporter tells a database outage from it. */
  readonly cause: unknown;
}

/**
 * What became of a reported failure: a new notification, a repeat folded into an open one, none
 * (the write failed, already logged), or counted against a database outage (logged and recorded
 * once for all its requests, by the reporter).
 */
export type ReportOutcome = 'recorded' | 'folded' | 'failed' | 'outage';

export interface FailureReporter {
  /** Best effort: a failed write is logged and answered 'failed', not thrown (it is often the database that failed). */
  report(failure: NotifyingFailure): Promise<ReportOutcome>;
}
