import { applyDecorators, type Type } from '@nestjs/common';
import { ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiStatuses } from '../openapi/api-statuses.decorator.js';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PageDto } from '../validation/page.dto.js';
import { NestedParams } from '../validation/param-shapes.js';
import { QueryBoolean, QueryList, QueryText } from '../validation/query-values.js';
import { SORT_ORDERS, type IndexQuery, type IndexSpec, type SortOrder } from './index-spec.js';

/** The params every index route takes, as the ValidationPipe hands them over. */
export interface IndexParams {
  count?: boolean;
  search?: { term?: string; attributes?: string[] };
  filters?: string[];
  page?: PageDto;
  sort?: { attribute?: string; order?: SortOrder };
}

interface IndexParamClasses {
  /** The route's params DTO (extend it to add the route's own params). */
  readonly Params: Type<IndexParams>;
  /** The OpenAPI documentation of the nested params, and the status their checks answer. */
  readonly documented: MethodDecorator;
}

/** More named filters than any route declares, even with repeats: a bound on what a request may send. */
const FILTERS_MAX = 10;

const pascal = (text: string) => text.replace(/(^|[_\s-])(\w)/g, (_match, _sep: string, letter: string) => letter.toUpperCase());

/**
 * The params DTO of one index route, built from its spec: the same validation everywhere, with
 * the route's attributes and filters as the allowed values (and as enums in OpenAPI). The classes
 * get the resource's name, so each route's nested params are their own schemas in the document.
 */
export function indexParamsOf(spec: IndexSpec): IndexParamClasses {
  const name = pascal(spec.resource);

  class Search {
    @ApiPropertyOptional({ description: 'Case-insensitive substring to look for.', maxLength: 100 })
    @QueryText()
    @IsOptional()
    @IsString()
    @MaxLength(100)
    term?: string;

    @ApiPropertyOptional({
      type: 'string',
      description: `Comma-separated attributes to search in: any of ${spec.searchable.join(', ') || '(none)'} (default: all).`,
    })
    @QueryList()
    @IsOptional()
    @IsArray()
    @ArrayNotEmpty()
    @IsIn(spec.searchable, { each: true })
    attributes?: string[];
  }

  class Sort {
    @ApiPropertyOptional({ enum: [...spec.sortable], default: spec.defaultSort.attribute })
    @QueryText()
    @IsOptional()
    @IsIn(spec.sortable)
    attribute?: string;

    @ApiPropertyOptional({ enum: SORT_ORDERS, default: spec.defaultSort.order })
    @QueryText()
    @IsOptional()
    @IsIn(SORT_ORDERS)
    order?: SortOrder;
  }

  // Documented by `documented` below (ApiQuery, deepObject for the nested ones), not as DTO properties.
  class Params implements IndexParams {
    @QueryBoolean()
    @IsOptional()
    @IsBoolean()
    count?: boolean;

    @IsOptional()
    @NestedParams(() => Search)
    search?: Search;

    @QueryList()
    @IsOptional()
    @IsArray()
    @ArrayMaxSize(FILTERS_MAX)
    @IsIn(spec.filters, { each: true })
    filters?: string[];

    @IsOptional()
    @NestedParams(() => PageDto)
    page?: PageDto;

    @IsOptional()
    @NestedParams(() => Sort)
    sort?: Sort;
  }

  Object.defineProperty(Search, 'name', { value: `${name}Search` });
  Object.defineProperty(Sort, 'name', { value: `${name}Sort` });
  Object.defineProperty(Params, 'name', { value: `${name}IndexParams` });

  // Nested params travel as search[term]=acme (the app's extended query parser): OpenAPI's deepObject.
  const documented = applyDecorators(
    ApiQuery({ name: 'count', type: 'boolean', required: false, description: `true (or 1) adds data.count, the total of matching ${spec.resource}.` }),
    ApiQuery({ name: 'search', type: Search, required: false, style: 'deepObject', explode: true }),
    ApiQuery({
      name: 'filters',
      required: false,
      isArray: true,
      enum: spec.filters.length > 0 ? [...spec.filters] : ['(none)'],
      description: spec.filters.length > 0 ? `Named filters, ANDed: ${spec.filters.join(', ')}.` : 'This route declares no filters: any name is invalid-param.',
    }),
    ApiQuery({ name: 'page', type: PageDto, required: false, style: 'deepObject', explode: true, description: `Default size ${pageSizeOf(spec)}.` }),
    ApiQuery({ name: 'sort', type: Sort, required: false, style: 'deepObject', explode: true }),
    ApiStatuses('invalid-param'),
  );
  return { Params, documented };
}

/** The checked params with the route's defaults: what the executors (SQL or in memory) run. */
export function indexQueryOf(params: IndexParams, spec: IndexSpec): IndexQuery {
  const size = params.page?.size ?? pageSizeOf(spec);
  const number = params.page?.number ?? 1;
  const term = params.search?.term?.trim() ?? '';
  return {
    count: params.count === true,
    term: term === '' ? null : term,
    attributes: params.search?.attributes ?? spec.searchable,
    filters: [...new Set(params.filters ?? [])],
    sort: { attribute: params.sort?.attribute ?? spec.defaultSort.attribute, order: params.sort?.order ?? spec.defaultSort.order },
    offset: (number - 1) * size,
    limit: size,
  };
}

function pageSizeOf(spec: IndexSpec): number {
  return Math.min(spec.defaultPageSize ?? PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
}
