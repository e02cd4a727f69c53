import { STATUS_CATALOGUE, type StatusSlug } from './status-catalogue.js';

/** One offending param, as listed in the envelope's `errors` (CONTRACT.md §2). */
export interface ParamError {
  readonly param: string;
  /** `missing`, `invalid`, `not-found`, … — short and machine-readable. */
  readonly problem: string;
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
 */
export class PlanoException extends Error {
  readonly slug: StatusSlug;
  readonly httpStatus: number;
  readonly errors: readonly ParamError[] | null;
  readonly data: unknown;

  constructor(slug: StatusSlug, options: PlanoExceptionOptions = {}) {
    const definition = STATUS_CATALOGUE[slug];
    super(options.message ?? definition.message, { cause: options.cause });
    this.name = 'PlanoException';
    this.slug = slug;
    this.httpStatus = definition.httpStatus;
    this.errors = options.errors ?? null;
    this.data = options.data ?? null;
  }
}
