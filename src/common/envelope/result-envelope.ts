import type { Request } from 'express';
import { ActionResult, envelope, type Envelope } from './envelope.js';

/**
 * The envelope a handler's return value is written in: `action-successful` with the value as
 * `data`, or what an ActionResult asks for (another success status, a message, a new session);
 * the caller's session view whenever the guard identified one. The HTTP adapter calls it for
 * every handler result (PlanoExpressAdapter), so a handler returns its payload and nothing else.
 */
export function envelopeOfResult(result: unknown, request: Request): Envelope {
  const state = request.plano;
  const requestId = state?.requestId ?? '';
  if (result instanceof ActionResult) {
    const status = result.options.status ?? 'action-successful';
    if (state) state.statusSlug = status;
    return envelope(status, requestId, {
      data: result.data,
      message: result.options.message,
      session: result.options.session ?? state?.sessionView,
    });
  }
  if (state) state.statusSlug = 'action-successful';
  return envelope('action-successful', requestId, { data: result, session: state?.sessionView });
}
