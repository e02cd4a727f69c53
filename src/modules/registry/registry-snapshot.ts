import { routeKey, type RouteDescriptor } from '../../common/routing/route-descriptor.js';

/** What identification needs to know of the registry, held in memory by every instance. */
export interface RegistrySnapshot {
  readonly version: number;
  /** routeKey(method, path) → the route record's flags and its service's. */
  readonly routes: ReadonlyMap<string, { readonly deployed: boolean; readonly serviceDeployed: boolean }>;
}

export const EMPTY_SNAPSHOT: RegistrySnapshot = { version: -1, routes: new Map() };

/** The status that refuses a route, or null when it is live. */
export function refusalFor(snapshot: RegistrySnapshot, route: RouteDescriptor): 'route-not-found' | 'service-not-found' | null {
  const record = snapshot.routes.get(routeKey(route.method, route.path));
  if (!record?.deployed) return 'route-not-found';
  if (!record.serviceDeployed) return 'service-not-found';
  return null;
}
