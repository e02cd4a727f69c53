/**
 * PlanoCore's index convention (issue 14, point 2), shared by every index route: `count`,
 * `search{term, attributes}`, `filters[]`, `page{size, number}`, `sort{attribute, order}`. Each
 * route declares what may be searched, sorted on and filtered by; anything else is `invalid-param`
 * naming the param (`search.attributes`, `sort.attribute`, `filters`).
 */
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface IndexSpec {
  /** The records listed, for names in the document and messages: "clients", "sessions". */
  readonly resource: string;
  /** Attributes `search[term]` looks in (all of them unless `search[attributes]` narrows it). */
  readonly searchable: readonly string[];
  /** Attributes `sort[attribute]` accepts. */
  readonly sortable: readonly string[];
  /** Named filters `filters[]` accepts; several are ANDed. */
  readonly filters: readonly string[];
  /** The order when `sort` is not given (ties always fall back to id, the same direction). */
  readonly defaultSort: { readonly attribute: string; readonly order: SortOrder };
  /** `page[size]` when not given (25 unless the route says otherwise; at most PAGE_SIZE_MAX). */
  readonly defaultPageSize?: number;
}

/** What an index route was asked, checked and with its defaults applied. */
export interface IndexQuery {
  readonly count: boolean;
  /** Trimmed; null when absent or empty. */
  readonly term: string | null;
  readonly attributes: readonly string[];
  readonly filters: readonly string[];
  readonly sort: { readonly attribute: string; readonly order: SortOrder };
  readonly offset: number;
  readonly limit: number;
}

/** What an index route answers: one page, and the total of matches when `count=true`. */
export interface IndexPage<T> {
  results: T[];
  count?: number;
}
