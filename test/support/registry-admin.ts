import { getAs, putAs, type TestApp } from './test-app.js';

/** The route registry as an admin reads and changes it through the API (routes/*, api_services/*). */

export interface RouteRecord {
  id: number;
  method: string;
  path: string;
  name: string;
  service: string;
  deployed: boolean;
}

export interface ServiceRecord {
  id: number;
  slug: string;
  deployed: boolean;
}

/** The registry's record of `method path` (routes/index), failing the test if there is none. */
export async function routeRecord(t: TestApp, adminToken: string, method: string, path: string): Promise<RouteRecord> {
  const response = await getAs(t, '/api/v1/routes/index', adminToken);
  const found = (response.body.data.results as RouteRecord[]).find((record) => record.method === method && record.path === path);
  if (!found) throw new Error(`no record for ${method} ${path}`);
  return found;
}

/** The registry's record of the service `slug` (api_services/index), failing the test if there is none. */
export async function serviceRecord(t: TestApp, adminToken: string, slug: string): Promise<ServiceRecord> {
  const response = await getAs(t, '/api/v1/api_services/index', adminToken);
  const found = (response.body.data.results as ServiceRecord[]).find((record) => record.slug === slug);
  if (!found) throw new Error(`no service ${slug}`);
  return found;
}

/** Deploys or withdraws a route (routes/update); answers the whole response. */
export function setRouteDeployed(t: TestApp, adminToken: string, id: number, deployed: boolean) {
  return putAs(t, '/api/v1/routes/update', adminToken, { id, deployed });
}

/** Deploys or withdraws a service (api_services/update); answers the whole response. */
export function setServiceDeployed(t: TestApp, adminToken: string, id: number, deployed: boolean) {
  return putAs(t, '/api/v1/api_services/update', adminToken, { id, deployed });
}
