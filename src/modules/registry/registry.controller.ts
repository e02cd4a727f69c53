import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { ApiService, RouteName } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { viewsPage } from '../../common/index-query/records-page.js';
import { indexQueryOf } from '../../common/index-query/index-params.js';
import {
  API_SERVICES_INDEX,
  ApiServicesIndexParams,
  IndexApiServicesDto,
  IndexRoutesDto,
  ROUTES_INDEX,
  RoutesIndexParams,
  UpdateDeployedDto,
} from './dto/registry.dto.js';
import { ApiServiceData, ApiServiceList, RouteData, RouteList } from './registry.responses.js';
import { REGISTRY_SERVICE, RegistryService } from './registry.service.js';
import type { ApiServiceView, RouteView } from './registry.views.js';

/** What the OpenAPI document shows as this module's records (@ApiSuccess). */
const ROUTE_EXAMPLE: RouteView = {
  id: 1,
  method: 'GET',
  path: '/api/v1/orders/index',
  name: 'Orders Index API',
  service: 'orders',
  sensitive_params: false,
  deployed: true,
  updated_at: '2025-01-06T09:30:00.000Z',
};
/** The named filters of routes/index and api_services/index. */
const ROUTE_FILTERS = { deployed: (record: { deployed: boolean }) => record.deployed, withdrawn: (record: { deployed: boolean }) => !record.deployed };

const API_SERVICE_EXAMPLE: ApiServiceView = { id: 1, slug: 'orders', name: 'Orders API', deployed: true, updated_at: '2025-01-06T09:30:00.000Z' };

@ApiTags('registry')
@ApiService(REGISTRY_SERVICE)
@Controller('api/v1')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get('routes/index')
  @RouteName(
    'Routes Index API',
    'Admin: the route records of the registry, optionally of one API service.',
  )
  @ApiSuccess(RouteList, { results: [ROUTE_EXAMPLE], count: 1 })
  @Authenticated({ admin: true })
  @RoutesIndexParams
  async routes(@Query() params: IndexRoutesDto): Promise<RouteList> {
    // The registry is reference data (a record per route, tens of them): read whole, paged here.
    return viewsPage(await this.registry.listRoutes(params.service), indexQueryOf(params, ROUTES_INDEX), ROUTE_FILTERS);
  }

  @Put('routes/update')
  @RouteName(
    'Routes Update API',
    'Admin: deploys or withdraws a route on every instance within a second. `sessions/create`, `/health` and the registry\'s own routes cannot be withdrawn.',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: UpdateDeployedDto, examples: { deploy: { summary: 'Deploy route 1 (it already is: nothing changes)', value: { id: 1, deployed: true } } } })
  @ApiSuccess(RouteData, { route: ROUTE_EXAMPLE }, 'The route as updated.')
  @Authenticated({ admin: true })
  @ApiStatuses('missing-param', 'invalid-param')
  async updateRoute(@Body() params: UpdateDeployedDto) {
    return { route: await this.registry.setRouteDeployed(params.id, params.deployed) };
  }

  @Get('api_services/index')
  @RouteName(
    'API Services Index API',
    'Admin: the API service records of the registry.',
  )
  @ApiSuccess(ApiServiceList, { results: [API_SERVICE_EXAMPLE], count: 1 })
  @Authenticated({ admin: true })
  @ApiServicesIndexParams
  async services(@Query() params: IndexApiServicesDto): Promise<ApiServiceList> {
    return viewsPage(await this.registry.listServices(), indexQueryOf(params, API_SERVICES_INDEX), ROUTE_FILTERS);
  }

  @Put('api_services/update')
  @RouteName(
    'API Services Update API',
    'Admin: deploys or withdraws an API service and so all its routes. Services holding `sessions/create`, `/health` or the registry\'s routes cannot be withdrawn.',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: UpdateDeployedDto, examples: { deploy: { summary: 'Deploy API service 1 (it already is: nothing changes)', value: { id: 1, deployed: true } } } })
  @ApiSuccess(ApiServiceData, { api_service: API_SERVICE_EXAMPLE }, 'The API service as updated.')
  @Authenticated({ admin: true })
  @ApiStatuses('missing-param', 'invalid-param')
  async updateService(@Body() params: UpdateDeployedDto) {
    return { api_service: await this.registry.setServiceDeployed(params.id, params.deployed) };
  }
}
