import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INT, QueryBoolean, QueryInt } from '../../../common/validation/query-values.js';

export class PageDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100)
  size?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  number?: number;
}

export class ListNotificationsDto {
  @ApiPropertyOptional({ description: 'true: only acknowledged; false: only unacknowledged; absent: all.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  acknowledged?: boolean;

  @ApiPropertyOptional({ type: PageDto, description: 'page[size], page[number]' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PageDto)
  page?: PageDto;
}

export class AcknowledgeNotificationDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  id: number;
}
