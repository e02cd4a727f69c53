import { indexParamsOf } from '../../../common/index-query/index-params.js';
import type { IndexSpec } from '../../../common/index-query/index-spec.js';

/** `applications/index` in the index convention. */
export const APPLICATIONS_INDEX: IndexSpec = {
  resource: 'applications',
  searchable: ['slug', 'name'],
  sortable: ['id', 'slug', 'name'],
  filters: [],
  defaultSort: { attribute: 'id', order: 'asc' },
};

/** `applications/tokens` in the index convention: newest first unless sorted otherwise. */
export const APPLICATION_TOKENS_INDEX: IndexSpec = {
  resource: 'application_tokens',
  searchable: ['application'],
  sortable: ['id', 'application', 'created_at', 'last_used_at', 'revoked_at'],
  filters: ['live', 'revoked'],
  defaultSort: { attribute: 'id', order: 'desc' },
  defaultPageSize: 100,
};

const applicationsIndex = indexParamsOf(APPLICATIONS_INDEX);
const tokensIndex = indexParamsOf(APPLICATION_TOKENS_INDEX);
export const ApplicationsIndexParams = applicationsIndex.documented;
export const ApplicationTokensIndexParams = tokensIndex.documented;

export class IndexApplicationsDto extends applicationsIndex.Params {}
export class IndexApplicationTokensDto extends tokensIndex.Params {}
