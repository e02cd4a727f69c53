import { indexParamsOf } from '../../../common/index-query/index-params.js';
import type { IndexSpec } from '../../../common/index-query/index-spec.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { IsId } from '../../../common/validation/stored-values.js';

export class UpdateDeployedDto {
  @ApiProperty({ type: 'integer' })
  @IsId()
  id: number;

  @ApiProperty({ description: 'true deploys, false withdraws.' })
  @IsBoolean()
  deployed: boolean;
}

export const ROUTES_INDEX: IndexSpec = {
  resource: 'routes',
  searchable: ['name', 'path', 'method', 'service'],
  sortable: ['id', 'name', 'path', 'method', 'service', 'updated_at'],
  filters: ['deployed', 'withdrawn'],
  defaultSort: { attribute: 'id', order: 'asc' },
  defaultPageSize: 100,
};

export const API_SERVICES_INDEX: IndexSpec = {
  resource: 'api_services',
  searchable: ['slug', 'name'],
  sortable: ['id', 'slug', 'name', 'updated_at'],
  filters: ['deployed', 'withdrawn'],
  defaultSort: { attribute: 'id', order: 'asc' },
  defaultPageSize: 100,
};

const routesIndex = indexParamsOf(ROUTES_INDEX);
const apiServicesIndex = indexParamsOf(API_SERVICES_INDEX);
export const RoutesIndexParams = routesIndex.documented;
export const ApiServicesIndexParams = apiServicesIndex.documented;

/** `routes/index`: the index convention, optionally only one API service's routes. */
export class IndexRoutesDto extends routesIndex.Params {
  @ApiPropertyOptional({ description: 'Only the routes of this API service (slug).' })
  @IsOptional()
  @IsString()
  service?: string;
}

export class IndexApiServicesDto extends apiServicesIndex.Params {}
