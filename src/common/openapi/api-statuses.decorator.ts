import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CATALOGUE, type StatusSlug } from '../status/status-catalogue.js';

/** Statuses any route can answer, whatever it declares: the pipeline's own. */
export const PIPELINE_STATUSES: readonly StatusSlug[] = [
  'invalid-content-type',
  'payload-too-large',
  'invalid-encoded-params',
  'no-params-decoded',
  'route-not-found',
  'service-not-found',
  'identify-request-error',
  'application-crash',
];

/**
 * Documents the catalogue statuses a route can return as OpenAPI responses, in the envelope,
 * with one example per slug. Slugs sharing an HTTP code share one response entry, since OpenAPI
 * keys responses by code. `action-successful` and the pipeline's statuses are always included.
 */
export function ApiStatuses(...slugs: StatusSlug[]): MethodDecorator {
  const all = new Set<StatusSlug>(['action-successful', ...slugs, ...PIPELINE_STATUSES]);
  const byCode = new Map<number, StatusSlug[]>();
  for (const slug of all) {
    const code = STATUS_CATALOGUE[slug].httpStatus;
    byCode.set(code, [...(byCode.get(code) ?? []), slug]);
  }
  return applyDecorators(
    ...[...byCode.entries()].map(([code, codeSlugs]) =>
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
    ),
  );
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
