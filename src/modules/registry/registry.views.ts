import type { ApiServiceEntity } from './entities/api-service.entity.js';
import type { RouteEntity } from './entities/route.entity.js';

export interface ApiServiceView {
  id: number;
  slug: string;
  name: string;
  deployed: boolean;
  updated_at: string;
}

export interface RouteView {
  id: number;
  method: string;
  path: string;
  name: string;
  service: string | null;
  sensitive_params: boolean;
  deployed: boolean;
  updated_at: string;
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
