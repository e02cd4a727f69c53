import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageDto } from '../../../common/validation/page.dto.js';
import { QueryBoolean } from '../../../common/validation/query-values.js';
import { NestedParams } from '../../../common/validation/param-shapes.js';

/** `notifications/index`: `?acknowledged=false&page[size]=10&page[number]=2`. */
export class IndexNotificationsDto {
  @ApiPropertyOptional({ type: 'boolean', description: 'true (or 1): only acknowledged ones; false (or 0): only open ones; absent: all.' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  acknowledged?: boolean;

  @ApiPropertyOptional({ type: PageDto })
  @IsOptional()
  @NestedParams(() => PageDto)
  page?: PageDto;
}
