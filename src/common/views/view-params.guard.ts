import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { assertKnownViews, DEFAULT_ROUTE_VIEWS, type RouteViews } from './view-params.js';
import { ROUTE_VIEWS } from './views.decorator.js';

/**
 * Refuses (`invalid-param`) a `view`, `session_view` or `application_view` the route does not
 * render, before the handler runs: the views it declared with @RendersViews, `default` on the
 * others. A guard rather than a pipe because it must run for every route, also those that take no
 * other params; it is registered after the token, role and rate-limit guards (AuthModule), since
 * params are checked after them (CONTRACT.md §3).
 */
@Injectable()
export class ViewParamsGuard implements CanActivate {
  /** Each handler's views, read from its metadata once. */
  private readonly viewsByHandler = new WeakMap<object, RouteViews>();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    assertKnownViews(context.switchToHttp().getRequest<Request>(), this.viewsOf(context.getHandler()));
    return true;
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
