/**
 * Values read by raw SQL come back as each driver spells them: SQLite gives timestamps as UTC text
 * ('2026-01-15 09:00:00.000') and booleans as 0/1, PostgreSQL gives Date and boolean. These
 * helpers read both, for the few hot queries that skip TypeORM's entity hydration.
 */
export function rawDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') return new Date(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
  throw new TypeError(`not a timestamp: ${typeof value}`);
}

export function rawNullableDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : rawDate(value);
}

export function rawBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

export function rawNullableInt(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
