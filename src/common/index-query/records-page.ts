import type { IndexPage, IndexQuery } from './index-spec.js';

/**
 * The index convention run over records already in memory: for the routes whose lists are
 * bounded by nature (the registry's routes and services, the applications, one user's live
 * sessions), read whole and then searched, filtered, sorted and paged here. Tables that grow
 * (clients, orders, tours, notifications) run the same query in SQL (database/index-query.ts).
 */
export function recordsPage<T extends { readonly id: number }>(
  records: readonly T[],
  query: IndexQuery,
  options: {
    /** An attribute's value, for search and sort. */
    readonly valueOf: (record: T, attribute: string) => unknown;
    /** Whether a record passes a named filter. */
    readonly passes?: (record: T, filter: string) => boolean;
  },
): IndexPage<T> {
  const term = query.term?.toLowerCase() ?? null;
  const matching = records.filter(
    (record) =>
      query.filters.every((filter) => options.passes?.(record, filter) ?? true) &&
      (term === null || query.attributes.some((attribute) => String(options.valueOf(record, attribute) ?? '').toLowerCase().includes(term))),
  );
  const direction = query.sort.order === 'desc' ? -1 : 1;
  const sorted = [...matching].sort((a, b) => direction * (compare(options.valueOf(a, query.sort.attribute), options.valueOf(b, query.sort.attribute)) || a.id - b.id));
  const results = sorted.slice(query.offset, query.offset + query.limit);
  return query.count ? { results, count: matching.length } : { results };
}

/** Nulls last (in either direction, as the SQL executor orders them), strings case-insensitively. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase().localeCompare(b.toLowerCase());
  return (a as number) < (b as number) ? -1 : 1;
}

/** recordsPage over API views, whose attributes are their own fields; `filters` says which pass each named filter. */
export function viewsPage<T extends { readonly id: number }>(
  views: readonly T[],
  query: IndexQuery,
  filters: Readonly<Record<string, (view: T) => boolean>> = {},
): IndexPage<T> {
  return recordsPage(views, query, {
    valueOf: (view, attribute) => (view as unknown as Record<string, unknown>)[attribute],
    passes: (view, filter) => filters[filter]?.(view) ?? false,
  });
}
