import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { envelope } from '../envelope/envelope.js';
import { REQUEST_ID_HEADER } from '../request/request-id.middleware.js';
import { requestStateOf } from '../request/request-state.js';
import { STATUS_CATALOGUE, type StatusSlug } from '../status/status-catalogue.js';
import { JSON_CONTENT_TYPE } from './json-response.js';

/** Headers stop after this long even when REQUEST_TIMEOUT_MS allows more: a client sends its head in one go. */
const HEADERS_TIMEOUT_CAP_MS = 20_000;

/** What a request that never reaches Express is answered (CONTRACT.md §12). */
const REFUSED_REQUEST_STATUS: StatusSlug = 'invalid-encoded-params';

/** How long a refused connection may take to read its answer before it is cut anyway. */
const REFUSED_ANSWER_GRACE_MS = 2000;

/**
 * The Node HTTP server under Express, for what never reaches Express: a request the HTTP parser
 * refuses, and one that stalls. Must run before the server listens (configureApp does), because
 * Node reads the deadline-checking interval when listening starts.
 */
export function hardenHttpServer(server: Server, requestTimeoutMs: number): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(requestTimeoutMs, HEADERS_TIMEOUT_CAP_MS);
  // Node checks those deadlines on a timer, every 30 s unless told otherwise: a 1 s timeout would
  // then fire after up to 31 s. A tenth of the timeout keeps the overshoot small and the timer
  // cheap. Nest creates the server without options, so the interval is set as a property, which
  // Node honours when it starts listening (http-hardening.e2e-spec.ts fails if it stops doing so).
  Object.assign(server, { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.round(requestTimeoutMs / 10))) });
  server.on('request', trackResponse);
  server.on('clientError', answerRefusedRequest);
}

/** No API answer may be kept by a browser or a proxy: envelopes carry sessions and tokens (CONTRACT.md §12). */
export function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * The latest response of each connection, so a refusal knows whether an answer is already on its
 * way (then it must not write another into the middle of it) and which request id it had.
 */
const responsesBySocket = new WeakMap<Duplex, ServerResponse>();

function trackResponse(request: IncomingMessage, response: ServerResponse): void {
  responsesBySocket.set(request.socket, response);
}

/**
 * Node's 'clientError': the parser refused the bytes (a garbage request line, a NUL or a bad
 * character in a header, headers over 16 KiB), or the request stalled past its deadline. Left to
 * Node, the caller would get a bare 400, 431 or 408 with no envelope; here it gets the envelope
 * with a fresh request id (or the id its stalled request already had, which its log line carries
 * too), then the connection closes: nothing more read from it could be trusted.
 */
function answerRefusedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = unfinishedResponseOf(socket);
  // The peer is gone, or an answer has begun on the wire: writing now would reach nobody or corrupt it.
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const state = inFlight ? requestStateOf(inFlight.req as Request) : undefined;
  if (inFlight && state) {
    // The stalled request's own log line then tells what happened to it.
    inFlight.statusCode = STATUS_CATALOGUE[REFUSED_REQUEST_STATUS].httpStatus;
    state.statusSlug = REFUSED_REQUEST_STATUS;
  }
  const answer = rawEnvelopeAnswer(REFUSED_REQUEST_STATUS, state?.requestId ?? randomUUID());
  // Close only once the answer is flushed; a peer that never reads it is cut after a short grace.
  socket.end(answer, () => socket.destroy());
  setTimeout(() => socket.destroy(), REFUSED_ANSWER_GRACE_MS).unref();
}

function unfinishedResponseOf(socket: Duplex): ServerResponse | undefined {
  const response = responsesBySocket.get(socket);
  return response && !response.writableFinished ? response : undefined;
}

/** A complete HTTP/1.1 response carrying the envelope, for a socket Express never got to answer. */
function rawEnvelopeAnswer(slug: StatusSlug, requestId: string): string {
  const body = JSON.stringify(envelope(slug, requestId));
  const httpStatus = STATUS_CATALOGUE[slug].httpStatus;
  return [
    `HTTP/1.1 ${httpStatus} ${STATUS_CODES[httpStatus]}`,
    `Content-Type: ${JSON_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    `${REQUEST_ID_HEADER}: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
