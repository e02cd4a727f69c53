import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';
import { assertKnownViews, DEFAULT_ROUTE_VIEWS, type RouteViews } from '../views/view-params.js';
import { ROUTE_VIEWS } from '../views/views.decorator.js';
import { ActionResult, envelope, type Envelope } from './envelope.js';

/**
 * Wraps every handler's return value in an `action-successful` envelope, in the view asked for:
 * before the handler runs, a `view` or `session_view` the platform does not render is refused
 * (`invalid-param`): the views the route declared (@RendersViews), `default` for the others. One
 * interceptor for both, since each one wraps every request in another observable chain.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  /** Each handler's views, read from its metadata once. */
  private readonly viewsByHandler = new WeakMap<object, RouteViews>();

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope> {
    const request = context.switchToHttp().getRequest<Request>();
    assertKnownViews(request, this.viewsOf(context.getHandler()));
    return next.handle().pipe(
      map((result: unknown) => {
        const state = request.plano;
        const status = result instanceof ActionResult ? (result.options.status ?? 'action-successful') : 'action-successful';
        if (state) state.statusSlug = status;
        const requestId = state?.requestId ?? '';
        if (result instanceof ActionResult) {
          return envelope(status, requestId, {
            data: result.data,
            message: result.options.message,
            session: result.options.session ?? state?.sessionView,
          });
        }
        return envelope('action-successful', requestId, { data: result, session: state?.sessionView });
      }),
    );
  }

  private viewsOf(handler: object): RouteViews {
    let views = this.viewsByHandler.get(handler);
    if (views === undefined) {
      views = this.reflector.get<RouteViews | undefined>(ROUTE_VIEWS, handler as () => unknown) ?? DEFAULT_ROUTE_VIEWS;
      this.viewsByHandler.set(handler, views);
    }
    return views;
  }
}
