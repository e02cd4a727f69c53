import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, DECORATORS, getSchemaPath } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { ActionResult } from '../envelope/envelope.js';
import { PARAM_PROBLEMS } from '../status/plano.exception.js';
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
const SUCCESS_DATA = 'plano:success-data';

/** What a route's `data` holds on success: an OpenAPI schema and an example of it. */
export interface SuccessData {
  readonly schema: SchemaObject | ReferenceObject;
  readonly example: unknown;
}

/**
 * Documents the catalogue statuses a route can return as OpenAPI responses, in the envelope,
 * with one example per slug. `action-successful` and the pipeline's statuses are always included.
 *
 * Several decorators add statuses to one route (@Authenticated, @RateLimited, the route's own
 * @ApiStatuses, @ApiSuccess). OpenAPI keys responses by HTTP code, and @nestjs/swagger 12
 * joins the descriptions of a code declared twice, so each application drops the codes it owns and
 * re-renders them from the union of all slugs declared so far: the order of the decorators does
 * not matter, and each status is described once.
 */
export function ApiStatuses(...slugs: StatusSlug[]): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const declared = (Reflect.getMetadata(DOCUMENTED_STATUSES, handler) as StatusSlug[] | undefined) ?? [];
    const all = new Set<StatusSlug>(['action-successful', ...declared, ...slugs, ...PIPELINE_STATUSES]);
    Reflect.defineMetadata(DOCUMENTED_STATUSES, [...all], handler);
    return renderResponses(target, key, descriptor);
  };
}

/** What a handler may return for a success whose `data` is a `T` (see envelope.ts). */
type Returns<T> = T | ActionResult<T> | Promise<T | ActionResult<T>>;

/**
 * Documents what `data` holds when the route succeeds: the named schema of `type` (a class whose
 * properties carry @ApiProperty), and an example of it. The handler must return a `T` (or an
 * ActionResult of one): a handler whose return type departs from the class does not compile, and
 * the example is typed by the class too, so neither can drift from the document.
 */
export function ApiSuccess<T>(type: Type<T>, example: NoInfer<T>, description?: string) {
  return <H extends (...args: never[]) => Returns<T>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H>) => {
    // OpenAPI 3.0 ignores the siblings of a $ref: a description needs the one-element allOf.
    const reference = { $ref: getSchemaPath(type) };
    const schema: SchemaObject | ReferenceObject = description ? { allOf: [reference], description } : reference;
    Reflect.defineMetadata(SUCCESS_DATA, { schema, example } satisfies SuccessData, descriptor.value as object);
    ApiExtraModels(type)(target, key, descriptor);
    return ApiStatuses()(target, key, descriptor);
  };
}

function renderResponses<T>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>) {
  const handler = descriptor.value as object;
  const all = Reflect.getMetadata(DOCUMENTED_STATUSES, handler) as StatusSlug[];
  const success = Reflect.getMetadata(SUCCESS_DATA, handler) as SuccessData | undefined;
  const byCode = new Map<number, StatusSlug[]>();
  for (const slug of all) {
    const code = STATUS_CATALOGUE[slug].httpStatus;
    byCode.set(code, [...(byCode.get(code) ?? []), slug]);
  }
  // Forget what earlier applications rendered for these codes (other codes, a 302, stay).
  const rendered = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) as Record<string, unknown> | undefined) ?? {};
  const kept = Object.fromEntries(Object.entries(rendered).filter(([code]) => !byCode.has(Number(code))));
  Reflect.defineMetadata(DECORATORS.API_RESPONSE, kept, handler);

  const responses = [...byCode.entries()].map(([code, codeSlugs]) => {
    const succeeded = code === STATUS_CATALOGUE['action-successful'].httpStatus;
    const data = succeeded ? success : undefined;
    return ApiResponse({
      status: code,
      description: codeSlugs.map((slug) => `\`${slug}\`: ${STATUS_CATALOGUE[slug].message}`).join('\n\n'),
      content: {
        'application/json': {
          schema: envelopeSchema(codeSlugs, data?.schema ?? (succeeded ? SUCCESS_DATA_UNDOCUMENTED : FAILURE_DATA)),
          examples: Object.fromEntries(codeSlugs.map((slug) => [slug, { value: exampleEnvelope(slug, data?.example ?? null) }])),
        },
      },
    });
  });
  return applyDecorators(...responses)(target, key, descriptor);
}

/** `data` of a failure: null, or a few details for some statuses (the health check's). */
const FAILURE_DATA: SchemaObject = { type: 'object', nullable: true, description: 'null on failure (a few statuses add details).' };
const SUCCESS_DATA_UNDOCUMENTED: SchemaObject = { type: 'object', nullable: true, description: 'The payload on success (lists in data.results).' };

function envelopeSchema(slugs: StatusSlug[], data: SchemaObject | ReferenceObject): SchemaObject {
  return {
    type: 'object',
    required: ['status', 'message', 'data', 'session', 'errors', 'request_id'],
    properties: {
      status: { type: 'string', enum: slugs },
      message: { type: 'string' },
      data,
      session: { type: 'object', nullable: true, description: "The caller's session view, when one was identified." },
      errors: {
        type: 'array',
        nullable: true,
        items: {
          type: 'object',
          properties: { param: { type: 'string' }, problem: { type: 'string', enum: [...PARAM_PROBLEMS] }, message: { type: 'string' } },
        },
      },
      request_id: { type: 'string' },
    },
  };
}

function exampleEnvelope(slug: StatusSlug, data: unknown) {
  const paramError = slug === 'missing-param' || slug === 'invalid-param' || slug === 'client-validation-failed';
  return {
    status: slug,
    message: STATUS_CATALOGUE[slug].message,
    data: STATUS_CATALOGUE[slug].httpStatus === STATUS_CATALOGUE['action-successful'].httpStatus ? data : null,
    session: null,
    errors: paramError ? [{ param: 'client_id', problem: slug === 'missing-param' ? 'missing' : 'invalid' }] : null,
    request_id: '5b0e3c1e-8d4f-4a8e-9a43-0c6f1f2d9b7a',
  };
}
