import express, { type NextFunction, type Request, type Response } from 'express';
import { PlanoException } from '../status/plano.exception.js';
import type { BodyFormat } from '../request/request-state.js';

const READABLE_TYPES: Record<string, BodyFormat> = {
  'application/json': 'json',
  'text/plain': 'text',
};

/**
 * Pipeline stage 1 (with the request id): read the body as text, if there is one. Only
 * application/json and text/plain bodies are read (`invalid-content-type` otherwise) and only up
 * to the size limit (`payload-too-large`). Decoding the text into params waits until the route is
 * identified, because sensitive-params routes decode differently.
 */
export function bodyReaderMiddleware(limitBytes: number) {
  const readText = express.text({ type: () => true, limit: limitBytes, defaultCharset: 'utf-8' });

  return (request: Request, response: Response, next: NextFunction): void => {
    request.body = undefined;
    if (!hasBody(request)) return next();

    const format = READABLE_TYPES[mediaTypeOf(request)];
    if (format === undefined) {
      return next(new PlanoException('invalid-content-type'));
    }

    readText(request, response, (error?: unknown) => {
      if (error) return next(bodyReadFailure(error));
      const state = request.plano;
      if (state && typeof request.body === 'string' && request.body.length > 0) {
        state.rawBody = request.body;
        state.bodyFormat = format;
      }
      request.body = undefined;
      next();
    });
  };
}

/** A body is present when the request says so, even if it then fails to arrive. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function mediaTypeOf(request: Request): string {
  return (request.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
}

/** Maps body-parser's failures (http-errors with a `type`) onto the catalogue. */
function bodyReadFailure(error: unknown): unknown {
  const { type, status } = error as { type?: string; status?: number };
  if (type === 'entity.too.large') return new PlanoException('payload-too-large');
  if (status === 415) {
    // An unsupported charset or content-encoding: we cannot read the body as sent.
    return new PlanoException('invalid-content-type', { cause: error });
  }
  if (status === 400) {
    // The body did not arrive as announced (aborted, or shorter/longer than Content-Length).
    return new PlanoException('invalid-encoded-params', { cause: error });
  }
  return error;
}
