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
    // A lone UTF-16 surrogate (JSON's "\ud800") is no text any column stores, and some validators
    // throw on it (isEmail's encodeURI): it is replaced before validation runs, and its param is
    // refused once the params are otherwise valid, as a NUL is.
    const malformed: string[] = [];
    value = withoutLoneSurrogates(value, '', malformed);
    try {
      const params = await super.transform(value, metadata);
      const present = new Set(stringPaths(params, ''));
      const refused = [
        ...stringsHoldingNul(params, '').map((param) => ({ param, message: `${param} must not contain a NUL character` })),
        ...malformed.filter((param) => present.has(param)).map((param) => ({ param, message: `${param} must be well-formed Unicode text` })),
      ];
      if (refused.length > 0) {
        throw new PlanoException('invalid-param', {
          message: refused.map((error) => error.message).join('; '),
          errors: refused.map((error) => ({ ...error, problem: 'invalid' as const })),
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

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `value` with every lone surrogate replaced by U+FFFD; the dotted paths of the strings that held one go to `found`. */
function withoutLoneSurrogates(value: unknown, path: string, found: string[]): unknown {
  if (typeof value === 'string') {
    const replaced = value.replace(LONE_SURROGATE, '\ufffd');
    if (replaced !== value) found.push(path);
    return replaced;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, index) => withoutLoneSurrogates(item, path ? `${path}.${index}` : String(index), found));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutLoneSurrogates(item, path ? `${path}.${key}` : key, found)]));
}

/** The dotted paths of every string in the validated params. */
function stringPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => stringPaths(item, path ? `${path}.${key}` : key));
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
