import { Catch, HttpException, Inject, Injectable, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { envelope } from '../envelope/envelope.js';
import { FAILURE_REPORTER, type FailureReporter } from '../failures/failure-reporter.js';
import { writeJson } from '../http/json-response.js';
import { PlanoException } from '../status/plano.exception.js';
import { STATUS_CATALOGUE, type StatusSlug } from '../status/status-catalogue.js';

/**
 * The one place a failure becomes a response. Every exception — ours, Nest's, Express's, a
 * library's or a plain bug — leaves here as a catalogue status in the envelope. Statuses that
 * notify (application-crash, identify-request-error, mandrill-email-failed) are logged with their
 * cause and reported (FAILURE_REPORTER: the notifications tab); the caller only ever sees the
 * catalogue message. Filters with cases of their own (XsoBrowserFilter) hand the rest to `catch`.
 */
@Catch()
@Injectable()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(@Inject(FAILURE_REPORTER) private readonly reporter: FailureReporter) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    try {
      const failure = toPlanoException(exception, request);
      if (STATUS_CATALOGUE[failure.slug].notifies) await this.report(failure, exception, request);
      this.send(response, request, failure);
    } catch (filterError) {
      // Last resort: the filter itself failed. Still answer in the envelope, never with a stack.
      this.logger.error({ msg: 'exception filter failed', request_id: request.plano?.requestId, err: filterError });
      this.send(response, request, new PlanoException('application-crash'));
    }
  }

  private send(response: Response, request: Request, failure: PlanoException): void {
    if (response.headersSent) return;
    const state = request.plano;
    if (state) state.statusSlug = failure.slug;
    if (failure.slug === 'rate-limit-exceeded' && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', '60');
    }
    writeJson(
      response,
      failure.httpStatus,
      envelope(failure.slug, state?.requestId ?? '', {
        message: failure.message,
        data: failure.data,
        errors: failure.errors,
        // The caller's session whenever one was identified; client-required relies on it.
        session: state?.sessionView,
      }),
    );
  }

  /**
   * Reports the failure (the notifications tab), then logs it. The stack goes to the log with
   * the first occurrence of a failure in its fold window (a new notification); a repeat folded
   * into it gets a line without one, so a caller who can trigger a crash in a loop cannot flood
   * the log with stacks either (CONTRACT.md §12).
   */
  private async report(failure: PlanoException, exception: unknown, request: Request): Promise<void> {
    const cause = failure === exception ? (failure.cause ?? failure) : exception;
    const route = request.plano?.route?.name ?? `${request.method} ${request.originalUrl.split('?', 1)[0]}`;
    const message = describe(cause);
    const requestId = request.plano?.requestId ?? null;
    const outcome = await this.reporter.report({ kind: failure.slug, route, requestId, message, cause });
    // The database is unavailable: part of an outage, logged and recorded once for all its requests.
    if (outcome === 'outage') return;
    if (outcome === 'folded') this.logger.error({ msg: failure.slug, request_id: requestId, route, error: message, repeat: true });
    else this.logger.error({ msg: failure.slug, request_id: requestId, route, err: cause });
  }
}

/** Classifies anything thrown into a catalogue status. */
export function toPlanoException(exception: unknown, request: Request): PlanoException {
  if (exception instanceof PlanoException) return exception;
  const identified = request.plano?.route !== undefined;

  if (exception instanceof HttpException) {
    // The router's own "Cannot GET /x": no controller serves this method + path.
    if (exception instanceof NotFoundException && !identified) return new PlanoException('route-non-existent');
    const slug = HTTP_STATUS_TO_SLUG[exception.getStatus()];
    if (slug) return new PlanoException(slug, { cause: exception });
  }
  // Anything else is a bug or an outage. Before the route is identified it is the pipeline's.
  return new PlanoException(identified ? 'application-crash' : 'identify-request-error', { cause: exception });
}

/** HttpExceptions thrown by Nest or a library (never by our code) mapped to the nearest status. */
const HTTP_STATUS_TO_SLUG: Partial<Record<number, StatusSlug>> = {
  400: 'invalid-param',
  401: 'invalid-token',
  403: 'permission-denied',
  413: 'payload-too-large',
  415: 'invalid-content-type',
  429: 'rate-limit-exceeded',
};

/**
 * A one-line description for the notifications tab: the error's class and message, with no stack,
 * and with SQL and file paths cut out — the tab is read through an API response, where the
 * contract allows neither. The full error is in the log line, under the same request id.
 */
export function describe(cause: unknown): string {
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : typeof cause === 'string' ? cause : 'non-error value thrown';
  return text
    .replace(/\b(SELECT|INSERT|UPDATE|DELETE|WITH)\b[\s\S]*?(?=$|\bat\s+\/|;)/gi, '[sql] ')
    .replace(/(?:file:\/\/)?(?:[A-Za-z]:)?(?:[\/\\][\w.@-]+){2,}/g, '[path]')
    .replace(/\s+/g, ' ')
    .trim();
}
