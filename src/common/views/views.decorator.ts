import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Request } from 'express';
import { DEFAULT_ROUTE_VIEWS, requestedView, VIEW_PARAM_DESCRIPTIONS, type RouteViews } from './view-params.js';

export const ROUTE_VIEWS = Symbol('ROUTE_VIEWS');

/**
 * The route answers records of `views`' resource (a ViewSet) in the view the caller asks for with `view`:
 * its names become the route's `view` enum in OpenAPI and the only names it accepts.
 */
export function RendersViews(views: { readonly resource: string; readonly names: readonly string[] }): MethodDecorator {
  const routeViews: RouteViews = { ...DEFAULT_ROUTE_VIEWS, view: views.names };
  return applyDecorators(
    SetMetadata(ROUTE_VIEWS, routeViews),
    ApiQuery({ name: 'view', required: false, enum: [...views.names], description: `${VIEW_PARAM_DESCRIPTIONS.view} The ${views.resource} views.` }),
  );
}

/** The `view` the caller asked for (already checked against the route's views), or `default`. */
export const RequestedView = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  requestedView(context.switchToHttp().getRequest<Request>()),
);
