// The duties the contract puts on every response (CONTRACT.md §10 and §12), done the textbook way
// with the libraries their docs show, for the bench's yardstick apps (lib/floor-app.mjs in Nest,
// lib/duties-app.mjs in bare Express). Plano's own implementation is not used: these measure what
// the duties cost, not how Plano does them.
//
//   - a request id in X-Request-Id and in the envelope;
//   - Cache-Control: no-store and helmet's headers;
//   - one JSON log line per request through pino (request id, method, path, query, route, status
//     slug, HTTP code, duration), written synchronously to stdout as Plano's is;
//   - every answer in the envelope.
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';

export function envelope(status, message, requestId, { data = null, session = null } = {}) {
  return { status, message, data, session, errors: null, request_id: requestId };
}

/** The unknown route's answer (the catalogue's route-non-existent): a 500 with the envelope. */
export const ROUTE_NON_EXISTENT = { slug: 'route-non-existent', message: 'The HTTP route does not exist.', httpStatus: 500 };

/**
 * Express middleware doing the per-request duties. The answering code sets `request.statusSlug`
 * for the log line; `request.id` carries the request id to the envelope.
 */
export function contractDuties() {
  const log = pino(
    { base: { service: 'plano' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ dest: 1, sync: true }),
  );
  const securityHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  return (request, response, next) => {
    const startedAt = process.hrtime.bigint();
    request.id = randomUUID();
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Request-Id', request.id);
    response.on('close', () =>
      log.info({
        msg: 'request',
        request_id: request.id,
        method: request.method,
        path: request.originalUrl.split('?', 1)[0],
        query: request.query,
        route: request.route?.path ?? null,
        status: request.statusSlug ?? 'action-successful',
        http: response.statusCode,
        duration_ms: Math.round(Number(process.hrtime.bigint() - startedAt) / 1e3) / 1000,
        aborted: !response.writableFinished,
      }),
    );
    securityHeaders(request, response, next);
  };
}
