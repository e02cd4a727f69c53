import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_INT, QueryInt } from './query-values.js';

export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;

/** `page[size]`, `page[number]` of the PlanoCore index pages, shared by every paged index route. */
export class PageDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT })
  @QueryInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  size?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @QueryInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  number?: number;
}
