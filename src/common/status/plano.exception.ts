import { STATUS_CATALOGUE, type StatusSlug } from './status-catalogue.js';

/**
 * Every value `errors[].problem` can take: one vocabulary for every route, so a consumer can
 * switch on it (the OpenAPI document lists it as an enum). A new kind of problem is added here.
 */
export const PARAM_PROBLEMS = [
  /** A required param was not given. */
  'missing',
  /** A param was given but is not acceptable (type, format, range, a value not allowed). */
  'invalid',
  /** An id names nothing the caller may use: nonexistent and not-yours answer alike. */
  'not-found',
  /** sessions/revoke: id and all_others together. */
  'conflicts-with-id',
  /** xso/capture_client: more than one target asked for. */
  'conflicting-target',
  /** A redirect_url outside the applications' hosts. */
  'not-allowed',
  /** users/client_register by a user who already holds a role. */
  'already-registered',
  /** A registry change that would lock every admin out. */
  'registry-lockout',
] as const;
export type ParamProblem = (typeof PARAM_PROBLEMS)[number];

/** One offending param, as listed in the envelope's `errors` (CONTRACT.md §2). */
export interface ParamError {
  readonly param: string;
  readonly problem: ParamProblem;
  readonly message?: string;
}

export interface PlanoExceptionOptions {
  /** Replaces the catalogue's default message. Written for the caller: never secrets or internals. */
  readonly message?: string;
  readonly errors?: readonly ParamError[];
  /** A payload some failures still carry (e.g. health details). */
  readonly data?: unknown;
  /** The underlying error, for the log and the notification only; never rendered. */
  readonly cause?: unknown;
}

/**
 * The one exception services throw. It carries a catalogue slug, so the HTTP code and the envelope
 * come from one table; a slug that is not in the catalogue does not compile.
 *
 * Only the statuses that notify (application-crash and the like) record a stack trace: those are
 * logged with it. The others are answers (invalid-token, invalid-param, route-non-existent), whose
 * stack no one reads, and capturing one walks the whole call stack (8 % of an unknown route's busy
 * CPU samples went to the two exceptions it raised).
 */
export class PlanoException extends Error {
  readonly slug: StatusSlug;
  readonly httpStatus: number;
  readonly errors: readonly ParamError[] | null;
  readonly data: unknown;

  constructor(slug: StatusSlug, options: PlanoExceptionOptions = {}) {
    const definition = STATUS_CATALOGUE[slug];
    const stackTraceLimit = Error.stackTraceLimit;
    if (!definition.notifies) Error.stackTraceLimit = 0;
    try {
      super(options.message ?? definition.message, { cause: options.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'PlanoException';
    this.slug = slug;
    this.httpStatus = definition.httpStatus;
    this.errors = options.errors ?? null;
    this.data = options.data ?? null;
  }

  /**
   * The one answer for an id the caller cannot use: whether it does not exist or is someone
   * else's, the answer is the same, so it never tells which (no enumeration).
   */
  static notFoundOrNotYours(param: string, id: number): PlanoException {
    return new PlanoException('invalid-param', {
      message: `${param} ${id} does not exist or is not accessible`,
      errors: [{ param, problem: 'not-found' }],
    });
  }
}
