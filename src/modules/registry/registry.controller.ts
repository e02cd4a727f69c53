import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { ApiService, RouteName } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { ListRoutesDto, UpdateDeployedDto } from './dto/registry.dto.js';
import { REGISTRY_SERVICE, RegistryService } from './registry.service.js';

@ApiTags('registry')
@ApiService(REGISTRY_SERVICE)
@Controller('api/v1')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get('routes/index')
  @RouteName('Routes Index API')
  @Authenticated({ admin: true })
  @ApiStatuses('invalid-param')
  async routes(@Query() params: ListRoutesDto) {
    return { results: await this.registry.listRoutes(params.service) };
  }

  @Put('routes/update')
  @RouteName('Routes Update API')
  @Authenticated({ admin: true })
  @ApiStatuses('missing-param', 'invalid-param')
  async updateRoute(@Body() params: UpdateDeployedDto) {
    return { route: await this.registry.setRouteDeployed(params.id, params.deployed) };
  }

  @Get('api_services/index')
  @RouteName('API Services Index API')
  @Authenticated({ admin: true })
  async services() {
    return { results: await this.registry.listServices() };
  }

  @Put('api_services/update')
  @RouteName('API Services Update API')
  @Authenticated({ admin: true })
  @ApiStatuses('missing-param', 'invalid-param')
  async updateService(@Body() params: UpdateDeployedDto) {
    return { api_service: await this.registry.setServiceDeployed(params.id, params.deployed) };
  }
}
