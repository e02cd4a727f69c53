import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';
import { assertKnownViews } from '../validation/view-params.js';
import { ActionResult, envelope, type Envelope } from './envelope.js';

/**
 * Wraps every handler's return value in an `action-successful` envelope, in the view asked for:
 * before the handler runs, a `view` or `session_view` the platform does not render is refused
 * (`invalid-param`). One interceptor for both, since each one wraps every request in another
 * observable chain.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope> {
    const request = context.switchToHttp().getRequest<Request>();
    assertKnownViews(request);
    return next.handle().pipe(
      map((result: unknown) => {
        const state = request.plano;
        if (state) state.statusSlug = 'action-successful';
        const requestId = state?.requestId ?? '';
        if (result instanceof ActionResult) {
          return envelope('action-successful', requestId, {
            data: result.data,
            message: result.options.message,
            session: result.options.session ?? state?.sessionView,
          });
        }
        return envelope('action-successful', requestId, { data: result, session: state?.sessionView });
      }),
    );
  }
}
