import { indexParamsOf } from '../../../common/index-query/index-params.js';
import type { IndexSpec } from '../../../common/index-query/index-spec.js';

/** `sessions/index` in the index convention: the caller's live sessions, newest first unless sorted otherwise. */
export const SESSIONS_INDEX: IndexSpec = {
  resource: 'sessions',
  searchable: ['application'],
  sortable: ['id', 'application', 'created_at', 'last_used_at'],
  filters: [],
  defaultSort: { attribute: 'created_at', order: 'desc' },
};

const sessionsIndex = indexParamsOf(SESSIONS_INDEX);
export const SessionsIndexParams = sessionsIndex.documented;

export class IndexSessionsDto extends sessionsIndex.Params {}
