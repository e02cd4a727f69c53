import type { NextFunction, Request, Response } from 'express';
import type { Logger as Pino } from 'pino';
import { redactParams } from './redact.js';

/**
 * One structured line per request, written when the response has been sent (or the client went
 * away): request id, method, path, the route's name, the status slug, the HTTP code and the time
 * it took. The query is logged through redactParams; bodies are never logged.
 */
export function requestLogMiddleware(logger: Pino) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const writeLine = () => {
      const state = request.plano;
      const durationMs = state ? Number(process.hrtime.bigint() - state.startedAt) / 1e6 : null;
      logger.info({
        msg: 'request',
        request_id: state?.requestId,
        method: request.method,
        path: request.originalUrl.split('?', 1)[0],
        query: redactParams(request.query),
        route: state?.route?.name ?? null,
        status: state?.statusSlug ?? null,
        http: response.statusCode,
        duration_ms: durationMs === null ? null : Math.round(durationMs * 1000) / 1000,
        aborted: !response.writableFinished,
      });
    };
    // 'close' follows 'finish' for every answered response, and comes alone when the client left
    // first: one listener sees both, and writableFinished tells them apart.
    response.on('close', writeLine);
    next();
  };
}
