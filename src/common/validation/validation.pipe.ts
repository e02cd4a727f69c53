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

  /** In a query string, `?client_id=` is how a form says "no value": treat it as not passed. */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && value !== null && typeof value === 'object') {
      value = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== ''));
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const slug = metadata.metatype && (Reflect.getMetadata(VALIDATION_FAILURE_STATUS, metadata.metatype) as StatusSlug | undefined);
      if (!slug || !(error instanceof PlanoException)) throw error;
      throw new PlanoException(slug, { message: error.message, errors: error.errors ?? undefined });
    }
  }
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
