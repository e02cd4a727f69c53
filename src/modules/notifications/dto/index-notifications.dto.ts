import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { indexParamsOf } from '../../../common/index-query/index-params.js';
import type { IndexSpec } from '../../../common/index-query/index-spec.js';
import { QueryBoolean } from '../../../common/validation/query-values.js';

/** `notifications/index` in the index convention, newest first unless sorted otherwise. */
export const NOTIFICATIONS_INDEX: IndexSpec = {
  resource: 'notifications',
  searchable: ['kind', 'route', 'message', 'request_id'],
  sortable: ['id', 'created_at', 'last_seen_at', 'count', 'kind'],
  filters: ['acknowledged', 'unacknowledged'],
  defaultSort: { attribute: 'id', order: 'desc' },
};

const notificationsIndex = indexParamsOf(NOTIFICATIONS_INDEX);
export const NotificationsIndexParams = notificationsIndex.documented;

/** `notifications/index`: `?filters[]=unacknowledged&page[size]=10&page[number]=2` (or the older `acknowledged=false`). */
export class IndexNotificationsDto extends notificationsIndex.Params {
  @ApiPropertyOptional({ type: 'boolean', description: 'true (or 1): only acknowledged ones; false (or 0): only open ones; absent: all. The same as filters[]=acknowledged / unacknowledged.' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  acknowledged?: boolean;
}
