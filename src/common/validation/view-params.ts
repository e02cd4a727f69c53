import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { PlanoException, type ParamError } from '../status/plano.exception.js';

/**
 * The views of a record (`view`) and of the caller's session (`session_view`) that the platform
 * renders. Every route takes both params (CONTRACT.md §11) and renders one view of each today;
 * a name it does not have is `invalid-param`, not silently the default, so a consumer asking for
 * a view that does not exist finds out (§12). A new view is added here, and the OpenAPI document
 * lists it as an enum.
 */
export const VIEW_PARAMS = { view: ['default'], session_view: ['default'] } as const satisfies Record<string, readonly string[]>;

/**
 * `invalid-param` when the caller asked (query string or decoded body) for a view or session view
 * the platform does not render, else nothing. The envelope interceptor runs it for every route —
 * also those that take no other params and so have no DTO for the ValidationPipe — after the
 * guards, as params checks come after the token and role checks.
 */
export function assertKnownViews(request: Pick<Request, 'query' | 'body'>): void {
  const errors = viewParamErrors(request);
  if (errors.length > 0) {
    throw new PlanoException('invalid-param', { message: errors.map((error) => error.message).join('; '), errors });
  }
}

export function viewParamErrors(request: Pick<Request, 'query' | 'body'>): ParamError[] {
  const sources = [request.query as Record<string, unknown> | undefined, request.body as Record<string, unknown> | undefined];
  const errors: ParamError[] = [];
  for (const [param, views] of Object.entries(VIEW_PARAMS)) {
    for (const source of sources) {
      const value = source && typeof source === 'object' ? source[param] : undefined;
      // Absent, null and (in a query string) empty all mean "the default view".
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string' || !(views as readonly string[]).includes(value)) {
        errors.push({ param, problem: 'invalid', message: `${param} must be one of: ${views.join(', ')}` });
        break;
      }
    }
  }
  return errors;
}

/** Documents `view` and `session_view` on every operation of the API, as enums. */
export function documentViewParams(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      operation.parameters ??= [];
      for (const [name, views] of Object.entries(VIEW_PARAMS)) {
        operation.parameters.push({
          name,
          in: 'query',
          required: false,
          description: name === 'view' ? 'Which view of the result to return.' : 'Which view of the caller’s session to return.',
          schema: { type: 'string', enum: [...views] },
        });
      }
    }
  }
  return document;
}
