import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { PlanoException, type ParamError } from '../status/plano.exception.js';
import type { StatusSlug } from '../status/status-catalogue.js';

const VALIDATION_FAILURE_STATUS = 'plano:validation-failure-status';

/**
 * Marks a params class whose validation failures answer a status of their own instead of
 * missing-param / invalid-param, e.g. registration's `client-validation-failed` (CONTRACT.md §3).
 */
export function ValidationFailureStatus(slug: StatusSlug): ClassDecorator {
  return (target) => Reflect.defineMetadata(VALIDATION_FAILURE_STATUS, slug, target);
}

/**
 * The global ValidationPipe: unknown params are dropped (whitelist), values are transformed to
 * their DTO types, and failures become `missing-param` (a required param absent; wins, as the
 * contract orders) or `invalid-param`, with `errors[]` naming every offending param.
 */
export class ParamsValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      transform: true,
      validationError: { target: false, value: true },
      exceptionFactory: (validationErrors) => toParamsException(validationErrors),
    });
  }

  /**
   * `null` is the same as leaving a param out, everywhere (CONTRACT.md §12); in a query string so
   * is `?client_id=`, how a form says "no value". A string holding NUL is refused once the params
   * are otherwise valid (missing-param still wins, as the contract orders): no column of either
   * engine stores it, and PostgreSQL rejects it outright.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the caller sent: a custom argument (@CurrentSession) is the app's own object.
    if (metadata.type === 'custom') return super.transform(value, metadata);
    value = withoutAbsentValues(value, metadata.type === 'query');
    try {
      const params = await super.transform(value, metadata);
      const withNul = stringsHoldingNul(params, '');
      if (withNul.length > 0) {
        throw new PlanoException('invalid-param', {
          message: withNul.map((param) => `${param} must not contain a NUL character`).join('; '),
          errors: withNul.map((param) => ({ param, problem: 'invalid', message: `${param} must not contain a NUL character` })),
        });
      }
      return params;
    } catch (error) {
      const slug = metadata.metatype && (Reflect.getMetadata(VALIDATION_FAILURE_STATUS, metadata.metatype) as StatusSlug | undefined);
      if (!slug || !(error instanceof PlanoException)) throw error;
      throw new PlanoException(slug, { message: error.message, errors: error.errors ?? undefined });
    }
  }
}

/** Object keys whose value is null (or, in a query string, empty) are dropped, at every depth. */
function withoutAbsentValues(value: unknown, fromQuery: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutAbsentValues(item, fromQuery));
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || (fromQuery && item === '')) continue;
    kept[key] = withoutAbsentValues(item, fromQuery);
  }
  return kept;
}

/** The params (dotted paths) of the validated DTO whose string value, at any depth, holds U+0000. */
function stringsHoldingNul(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => stringsHoldingNul(item, path ? `${path}.${key}` : key));
}

export function createValidationPipe(): ParamsValidationPipe {
  return new ParamsValidationPipe();
}

export function toParamsException(validationErrors: ValidationError[]): PlanoException {
  const errors = flatten(validationErrors, '');
  const missing = errors.some((error) => error.problem === 'missing');
  const summary = errors.map((error) => error.message ?? error.param).join('; ');
  return new PlanoException(missing ? 'missing-param' : 'invalid-param', { errors, message: summary });
}

function flatten(validationErrors: ValidationError[], prefix: string): ParamError[] {
  return validationErrors.flatMap((error) => {
    const param = prefix ? `${prefix}.${error.property}` : error.property;
    const own: ParamError[] = error.constraints
      ? [
          error.value === undefined || error.value === null
            ? { param, problem: 'missing', message: `${param} is required` }
            : { param, problem: 'invalid', message: Object.values(error.constraints)[0] },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], param)];
  });
}
