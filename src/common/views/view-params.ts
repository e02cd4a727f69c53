import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { PlanoException, type ParamError } from '../status/plano.exception.js';
import { DEFAULT_VIEW_ONLY } from './view-set.js';

/**
 * The view params every route takes (CONTRACT.md §11, PlanoCore's pages): `view` for the records
 * it answers, `session_view` for the caller's session in the envelope, `application_view` for an
 * application in the answer. Sessions and applications have one view, `default`; `view` takes the
 * names the route declared with @RendersViews, `default` alone for a route that declared none.
 * A name the route does not render is `invalid-param`, not silently the default, so a consumer
 * asking for a view that does not exist finds out (§12).
 */
export type ViewParam = 'view' | 'session_view' | 'application_view';

export const VIEW_PARAM_NAMES: readonly ViewParam[] = ['view', 'session_view', 'application_view'];

/** The names each view param accepts on one route. */
export type RouteViews = Readonly<Record<ViewParam, readonly string[]>>;

export const DEFAULT_ROUTE_VIEWS: RouteViews = { view: DEFAULT_VIEW_ONLY, session_view: DEFAULT_VIEW_ONLY, application_view: DEFAULT_VIEW_ONLY };

/**
 * `invalid-param` when the caller asked (query string or decoded body) for a view the route does
 * not render, else nothing. ViewParamsGuard runs it for every route — also those that take no
 * other params and so have no DTO for the ValidationPipe — after the token, role and rate-limit
 * guards, as params checks come after the token and role checks.
 */
export function assertKnownViews(request: Pick<Request, 'query' | 'body'>, views: RouteViews): void {
  const errors = viewParamErrors(request, views);
  if (errors.length > 0) {
    throw new PlanoException('invalid-param', { message: errors.map((error) => error.message).join('; '), errors });
  }
}

export function viewParamErrors(request: Pick<Request, 'query' | 'body'>, views: RouteViews): ParamError[] {
  const errors: ParamError[] = [];
  for (const param of VIEW_PARAM_NAMES) {
    const value = requestedValue(request, param);
    if (value === undefined) continue;
    if (typeof value !== 'string' || !views[param].includes(value)) {
      errors.push({ param, problem: 'invalid', message: `${param} must be one of: ${views[param].join(', ')}` });
    }
  }
  return errors;
}

/** The view the caller asked for with `param` (query string first, then body), or `default`. Checked already by ViewParamsGuard. */
export function requestedView(request: Pick<Request, 'query' | 'body'>, param: ViewParam = 'view'): string {
  const value = requestedValue(request, param);
  return typeof value === 'string' ? value : 'default';
}

/** Absent, null and (in a query string) empty all mean "the default view". */
function requestedValue(request: Pick<Request, 'query' | 'body'>, param: ViewParam): unknown {
  for (const source of [request.query as Record<string, unknown> | undefined, request.body as Record<string, unknown> | undefined]) {
    const value = source && typeof source === 'object' ? source[param] : undefined;
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/**
 * Documents the view params on every operation of the API as enums: the ones a route declared
 * (@RendersViews adds its `view`), `default` for the rest.
 */
export function documentViewParams(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      operation.parameters ??= [];
      const declared = new Set(operation.parameters.map((parameter) => ('name' in parameter ? parameter.name : undefined)));
      for (const name of VIEW_PARAM_NAMES) {
        if (declared.has(name)) continue;
        operation.parameters.push({ name, in: 'query', required: false, description: VIEW_PARAM_DESCRIPTIONS[name], schema: { type: 'string', enum: [...DEFAULT_VIEW_ONLY] } });
      }
    }
  }
  return document;
}

export const VIEW_PARAM_DESCRIPTIONS: Readonly<Record<ViewParam, string>> = {
  view: 'Which view of the records in the answer to return.',
  session_view: 'Which view of the caller’s session to return.',
  application_view: 'Which view of an application in the answer to return.',
};
