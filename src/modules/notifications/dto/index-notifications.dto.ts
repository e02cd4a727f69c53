import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INT, QueryBoolean, QueryInt } from '../../../common/validation/query-values.js';

export const NOTIFICATIONS_PAGE_SIZE_DEFAULT = 25;
export const NOTIFICATIONS_PAGE_SIZE_MAX = 100;

/**
 * `page[size]`, `page[number]`. Named for its module rather than a bare `PageDto`: OpenAPI schemas
 * are keyed by class name, and clients/index already documents a `PageDto` of its own.
 */
export class NotificationsPageDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: NOTIFICATIONS_PAGE_SIZE_MAX, default: NOTIFICATIONS_PAGE_SIZE_DEFAULT })
  @QueryInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(NOTIFICATIONS_PAGE_SIZE_MAX)
  size?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @QueryInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  number?: number;
}

/** `notifications/index`: `?acknowledged=false&page[size]=10&page[number]=2`. */
export class IndexNotificationsDto {
  @ApiPropertyOptional({ type: 'boolean', description: 'true (or 1): only acknowledged ones; false (or 0): only open ones; absent: all.' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  acknowledged?: boolean;

  @ApiPropertyOptional({ type: NotificationsPageDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationsPageDto)
  page?: NotificationsPageDto;
}
