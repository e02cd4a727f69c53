import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { ReadClientDto, UpdateClientDto } from './dto/client-params.dto.js';
import { PageDto } from '../../common/validation/page.dto.js';
import { ClientSearchDto, IndexClientsDto, SortDto } from './dto/index-clients.dto.js';
import { StaffClientsService } from './staff-clients.service.js';

/**
 * clients/index is staff's. clients/read and clients/update are open to every role at the guard and
 * decided per client by ClientAccess, so a client id the caller may not use answers invalid-param
 * exactly like one that does not exist.
 */
@ApiTags('clients')
@Controller('api/v1/clients')
export class StaffClientsController {
  constructor(private readonly clients: StaffClientsService) {}

  @Get('index')
  @RouteName('Clients Index API')
  @ApiStatuses('invalid-param')
  @Authenticated({ roles: ['employee'] })
  // Nested params travel as page[size]=10 (the app's extended query parser): OpenAPI's deepObject.
  @ApiQuery({ name: 'search', type: ClientSearchDto, required: false, style: 'deepObject', explode: true })
  @ApiQuery({ name: 'page', type: PageDto, required: false, style: 'deepObject', explode: true })
  @ApiQuery({ name: 'sort', type: SortDto, required: false, style: 'deepObject', explode: true })
  index(@Query() params: IndexClientsDto) {
    return this.clients.index(params);
  }

  @Get('read')
  @RouteName('Clients Read API')
  @ApiStatuses('missing-param', 'invalid-param')
  @Authenticated()
  async read(@Query() params: ReadClientDto, @CurrentSession() caller: SessionAuth) {
    return { client: await this.clients.read(caller, params.id) };
  }

  @Put('update')
  @RouteName('Clients Update API')
  @ApiStatuses('missing-param', 'invalid-param', 'permission-denied')
  @Authenticated()
  async update(@Body() params: UpdateClientDto, @CurrentSession() caller: SessionAuth) {
    return { client: await this.clients.update(caller, params) };
  }
}
