import { ApiProperty } from '@nestjs/swagger';
import type { ApiServiceEntity } from './entities/api-service.entity.js';
import type { RouteEntity } from './entities/route.entity.js';

// The view classes are the OpenAPI document's named schemas (@ApiSuccess): handlers return
// objects of these shapes, so what the document says is what the compiler checks.

export class ApiServiceView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() deployed!: boolean;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class RouteView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() method!: string;
  @ApiProperty() path!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The slug of the API service the route belongs to.' }) service!: string | null;
  @ApiProperty() sensitive_params!: boolean;
  @ApiProperty() deployed!: boolean;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export function toApiServiceView(service: ApiServiceEntity): ApiServiceView {
  return { id: service.id, slug: service.slug, name: service.name, deployed: service.deployed, updated_at: service.updatedAt.toISOString() };
}

export function toRouteView(route: RouteEntity): RouteView {
  return {
    id: route.id,
    method: route.method,
    path: route.path,
    name: route.name,
    service: route.service?.slug ?? null,
    sensitive_params: route.sensitiveParams,
    deployed: route.deployed,
    updated_at: route.updatedAt.toISOString(),
  };
}
