import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CATALOGUE, type StatusSlug } from '../status/status-catalogue.js';

/**
 * Statuses any route can answer, whatever it declares: the pipeline's own. `route-non-existent`
 * is listed on every route as the seed page lists it (a near miss of a route's method or path).
 */
export const PIPELINE_STATUSES: readonly StatusSlug[] = [
  'route-non-existent',
  'invalid-content-type',
  'payload-too-large',
  'invalid-encoded-params',
  'no-params-decoded',
  'route-not-found',
  'service-not-found',
  'identify-request-error',
  'application-crash',
];

const DOCUMENTED_STATUSES = 'plano:documented-statuses';

/**
 * Documents the catalogue statuses a route can return as OpenAPI responses, in the envelope,
 * with one example per slug. `action-successful` and the pipeline's statuses are always included.
 *
 * Several decorators add statuses to one route (@Authenticated, @RateLimited, the route's own
 * @ApiStatuses). OpenAPI keys responses by HTTP code and @nestjs/swagger keeps the last entry per
 * code, so each application re-renders every code from the union of all slugs declared so far:
 * the order of the decorators does not matter.
 */
export function ApiStatuses(...slugs: StatusSlug[]): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const declared = (Reflect.getMetadata(DOCUMENTED_STATUSES, handler) as StatusSlug[] | undefined) ?? [];
    const all = new Set<StatusSlug>(['action-successful', ...declared, ...slugs, ...PIPELINE_STATUSES]);
    Reflect.defineMetadata(DOCUMENTED_STATUSES, [...all], handler);

    const byCode = new Map<number, StatusSlug[]>();
    for (const slug of all) {
      const code = STATUS_CATALOGUE[slug].httpStatus;
      byCode.set(code, [...(byCode.get(code) ?? []), slug]);
    }
    const responses = [...byCode.entries()].map(([code, codeSlugs]) =>
      ApiResponse({
        status: code,
        description: codeSlugs.map((slug) => `\`${slug}\`: ${STATUS_CATALOGUE[slug].message}`).join('\n\n'),
        content: {
          'application/json': {
            schema: envelopeSchema(codeSlugs),
            examples: Object.fromEntries(codeSlugs.map((slug) => [slug, { value: exampleEnvelope(slug) }])),
          },
        },
      }),
    );
    return applyDecorators(...responses)(target, key, descriptor);
  };
}

function envelopeSchema(slugs: StatusSlug[]) {
  return {
    type: 'object',
    required: ['status', 'message', 'data', 'session', 'errors', 'request_id'],
    properties: {
      status: { type: 'string', enum: slugs },
      message: { type: 'string' },
      data: { nullable: true, description: 'The payload on success (lists in data.results).' },
      session: { type: 'object', nullable: true, description: "The caller's session view, when one was identified." },
      errors: {
        type: 'array',
        nullable: true,
        items: {
          type: 'object',
          properties: { param: { type: 'string' }, problem: { type: 'string' }, message: { type: 'string' } },
        },
      },
      request_id: { type: 'string' },
    },
  };
}

function exampleEnvelope(slug: StatusSlug) {
  const paramError = slug === 'missing-param' || slug === 'invalid-param' || slug === 'client-validation-failed';
  return {
    status: slug,
    message: STATUS_CATALOGUE[slug].message,
    data: null,
    session: null,
    errors: paramError ? [{ param: 'client_id', problem: slug === 'missing-param' ? 'missing' : 'invalid' }] : null,
    request_id: '5b0e3c1e-8d4f-4a8e-9a43-0c6f1f2d9b7a',
  };
}
