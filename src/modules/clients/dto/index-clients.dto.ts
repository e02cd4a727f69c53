import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageDto } from '../../../common/validation/page.dto.js';
import { QueryBoolean, QueryList, QueryText } from '../../../common/validation/query-values.js';
import { NestedParams } from '../../../common/validation/param-shapes.js';

export const CLIENT_SEARCH_ATTRIBUTES = ['first_name', 'last_name', 'email', 'company_name', 'phone'] as const;
export type ClientSearchAttribute = (typeof CLIENT_SEARCH_ATTRIBUTES)[number];

export const CLIENT_SORT_ATTRIBUTES = ['id', 'first_name', 'last_name', 'company_name', 'created_at'] as const;
export type ClientSortAttribute = (typeof CLIENT_SORT_ATTRIBUTES)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];


export class ClientSearchDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring to look for.', maxLength: 100, example: 'acme' })
  @QueryText()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  term?: string;

  @ApiPropertyOptional({
    type: 'string',
    description: `Comma-separated attributes to search in: any of ${CLIENT_SEARCH_ATTRIBUTES.join(', ')} (default: all).`,
    example: 'first_name,email',
  })
  @QueryList()
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(CLIENT_SEARCH_ATTRIBUTES, { each: true })
  attributes?: ClientSearchAttribute[];
}

export class SortDto {
  @ApiPropertyOptional({ enum: CLIENT_SORT_ATTRIBUTES, default: 'id' })
  @QueryText()
  @IsOptional()
  @IsIn(CLIENT_SORT_ATTRIBUTES)
  attribute?: ClientSortAttribute;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'asc' })
  @QueryText()
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}

/** `clients/index`, shaped as the PlanoCore index pages: `?count=true&search[term]=acme&page[size]=10&sort[attribute]=last_name`. */
export class IndexClientsDto {
  @ApiPropertyOptional({ type: 'boolean', description: 'true (or 1) adds data.count, the total of matching clients.' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  count?: boolean;

  @ApiPropertyOptional({ type: ClientSearchDto })
  @IsOptional()
  @NestedParams(() => ClientSearchDto)
  search?: ClientSearchDto;

  @ApiPropertyOptional({ type: PageDto })
  @IsOptional()
  @NestedParams(() => PageDto)
  page?: PageDto;

  @ApiPropertyOptional({ type: SortDto })
  @IsOptional()
  @NestedParams(() => SortDto)
  sort?: SortDto;
}
