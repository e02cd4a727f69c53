import { applyDecorators } from '@nestjs/common';
import { ApiResponse, DECORATORS } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
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
  readonly schema: SchemaObject;
  readonly example: unknown;
}

/**
 * Documents the catalogue statuses a route can return as OpenAPI responses, in the envelope,
 * with one example per slug. `action-successful` and the pipeline's statuses are always included.
 *
 * Several decorators add statuses to one route (@Authenticated, @RateLimited, the route's own
 * @ApiStatuses, @ApiSuccessData). OpenAPI keys responses by HTTP code, and @nestjs/swagger 12
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

/**
 * Documents what `data` holds when the route succeeds: the example, and a schema inferred from it
 * (so the two cannot disagree). A value that may be null is written `orNull(value)`.
 */
export function ApiSuccessData(example: unknown, description?: string): MethodDecorator {
  return (target, key, descriptor) => {
    const schema: SchemaObject = { ...schemaOf(example), ...(description ? { description } : {}) };
    Reflect.defineMetadata(SUCCESS_DATA, { schema, example: exampleOf(example) } satisfies SuccessData, descriptor.value as object);
    return ApiStatuses()(target, key, descriptor);
  };
}

class NullableExample {
  constructor(readonly value: unknown) {}
}

class OptionalExample {
  constructor(readonly value: unknown) {}
}

/** In an ApiSuccessData example: a field that is sometimes left out (every other field is required). */
export function optional(value: unknown): unknown {
  return new OptionalExample(value);
}

/** In an ApiSuccessData example: a field that may be null, shown with a value of its type. */
export function orNull(value: unknown): unknown {
  return new NullableExample(value);
}

function schemaOf(example: unknown): SchemaObject {
  if (example instanceof NullableExample) return { ...schemaOf(example.value), nullable: true };
  if (example instanceof OptionalExample) return schemaOf(example.value);
  if (Array.isArray(example)) return { type: 'array', items: example.length > 0 ? schemaOf(example[0]) : { type: 'object' } };
  if (example !== null && typeof example === 'object') {
    const required = Object.entries(example).filter(([, value]) => !(value instanceof OptionalExample)).map(([name]) => name);
    return {
      type: 'object',
      ...(required.length > 0 ? { required } : {}),
      properties: Object.fromEntries(Object.entries(example).map(([name, value]) => [name, schemaOf(value)])),
    };
  }
  if (typeof example === 'number') return { type: Number.isInteger(example) ? 'integer' : 'number' };
  if (typeof example === 'boolean') return { type: 'boolean' };
  if (typeof example === 'string') return /^\d{4}-\d\d-\d\dT/.test(example) ? { type: 'string', format: 'date-time' } : { type: 'string' };
  throw new Error(`ApiSuccessData: cannot infer a schema from ${String(example)}; use orNull(value)`);
}

function exampleOf(example: unknown): unknown {
  if (example instanceof NullableExample || example instanceof OptionalExample) return exampleOf(example.value);
  if (Array.isArray(example)) return example.map(exampleOf);
  if (example !== null && typeof example === 'object') return Object.fromEntries(Object.entries(example).map(([name, value]) => [name, exampleOf(value)]));
  return example;
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

function envelopeSchema(slugs: StatusSlug[], data: SchemaObject): SchemaObject {
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
          properties: { param: { type: 'string' }, problem: { type: 'string' }, message: { type: 'string' } },
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
