import { Transform } from 'class-transformer';

/**
 * A query string carries only text ('10', 'true'); these turn it into the types the DTOs validate.
 * A value that does not read cleanly is passed on unchanged, so @IsInt / @IsBoolean refuse it and
 * the caller gets invalid-param naming the param. An empty value (`page[size]=`) means "not
 * passed", as the validation pipe already treats empty top-level params.
 */

/** The largest id (and page number) accepted: PostgreSQL's `integer`, so a huge id is invalid-param, not a crash. */
export const MAX_INT = 2_147_483_647;

export function QueryInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === '') return undefined;
    return typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  });
}

/** true/false/1/0, as the PlanoCore pages accept them. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === '') return undefined;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  });
}

/** A comma-separated list (`first_name,email`), or the same param repeated. */
export function QueryList(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === '') return undefined;
    const items = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
    if (items === null) return value;
    return items
      .flatMap((item: string) => item.split(','))
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  });
}

/** A nested string param whose empty value means "not passed". */
export function QueryText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
}
