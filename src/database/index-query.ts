import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { IndexQuery } from '../common/index-query/index-spec.js';

/** How a table answers the index convention: SQL for each declared attribute and filter. */
export interface IndexColumns {
  /** The row id (the tie-breaker of every order). */
  readonly id: string;
  /** The column (or expression) each searchable attribute looks in. */
  readonly searchable: Readonly<Record<string, string>>;
  /** The expression each sortable attribute orders by (LOWER(...) for text, to sort as people read). */
  readonly sortable: Readonly<Record<string, string>>;
  /** The SQL condition of each named filter, true on both engines (TRUE/FALSE are keywords of both). */
  readonly filters?: Readonly<Record<string, string>>;
}

/**
 * The index convention run in SQL on `builder` (already joined and scoped to what the caller may
 * see): search as a case-insensitive LIKE over the attributes (%, _ and \ in the term match
 * themselves), the filters ANDed, the total when asked, then the order (nulls last, ties by id)
 * and the page. Bound parameters only: nothing of the request is written into the SQL.
 */
export async function runIndexQuery<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  columns: IndexColumns,
  query: IndexQuery,
): Promise<{ rows: T[]; total: number | null }> {
  if (query.term !== null && query.attributes.length > 0) {
    const pattern = `%${query.term.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
    const matches = query.attributes.map((attribute) => `LOWER(${columns.searchable[attribute]}) LIKE LOWER(:indexPattern) ESCAPE '\\'`);
    builder.andWhere(`(${matches.join(' OR ')})`, { indexPattern: pattern });
  }
  for (const filter of query.filters) {
    const condition = columns.filters?.[filter];
    if (condition === undefined) throw new Error(`the index of this table has no SQL for the filter ${filter}`);
    builder.andWhere(`(${condition})`);
  }
  const total = query.count ? await builder.getCount() : null;
  const rows = await builder
    .orderBy(columns.sortable[query.sort.attribute], query.sort.order === 'desc' ? 'DESC' : 'ASC', 'NULLS LAST')
    .addOrderBy(columns.id, query.sort.order === 'desc' ? 'DESC' : 'ASC')
    .offset(query.offset)
    .limit(query.limit)
    .getMany();
  return { rows, total };
}
