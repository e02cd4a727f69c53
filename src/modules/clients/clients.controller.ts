import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { ReadClientDto, UpdateClientDto } from './dto/client-params.dto.js';
import { PageDto } from '../../common/validation/page.dto.js';
import { ClientSearchDto, IndexClientsDto, SortDto } from './dto/index-clients.dto.js';
import { ClientsService } from './clients.service.js';
import { CLIENT_EXAMPLE } from '../accounts/account.examples.js';
import { ClientData, ClientPage } from './client.responses.js';
import { CLIENT_VIEWS } from '../accounts/account.views.js';
import { RendersViews, RequestedView } from '../../common/views/views.decorator.js';

/**
 * clients/index is staff's. clients/read and clients/update are open to every role at the guard and
 * decided per client by ClientAccess, so a client id the caller may not use answers invalid-param
 * exactly like one that does not exist.
 */
@ApiTags('clients')
@Controller('api/v1/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get('index')
  @RouteName(
    'Clients Index API',
    'Staff: one page of clients, optionally filtered by `search[term]` over `search[attributes]` and sorted; `count=true` adds the total of matches.',
  )
  @ApiSuccess(ClientPage, { results: [CLIENT_EXAMPLE], count: 2 }, 'One page of clients; count (all matches) only with count=true.')
  @ApiStatuses('invalid-param')
  @Authenticated({ roles: ['employee'] })
  // Nested params travel as page[size]=10 (the app's extended query parser): OpenAPI's deepObject.
  @ApiQuery({ name: 'search', type: ClientSearchDto, required: false, style: 'deepObject', explode: true })
  @ApiQuery({ name: 'page', type: PageDto, required: false, style: 'deepObject', explode: true })
  @ApiQuery({ name: 'sort', type: SortDto, required: false, style: 'deepObject', explode: true })
  @RendersViews(CLIENT_VIEWS)
  index(@Query() params: IndexClientsDto, @CurrentSession() caller: SessionAuth, @RequestedView() view: string) {
    return this.clients.index(params, caller, view);
  }

  @Get('read')
  @RouteName(
    'Clients Read API',
    'One client: staff may read any, a client only itself, a liaison its linked clients. Any other id answers like a nonexistent one.',
  )
  @ApiSuccess(ClientData, { client: CLIENT_EXAMPLE })
  @ApiStatuses('missing-param', 'invalid-param')
  @Authenticated()
  @RendersViews(CLIENT_VIEWS)
  async read(@Query() params: ReadClientDto, @CurrentSession() caller: SessionAuth, @RequestedView() view: string) {
    return { client: await this.clients.read(caller, params.id, view) };
  }

  @Put('update')
  @RouteName(
    'Clients Update API',
    'Changes the given fields of a client (staff, or the client itself; only staff may change `active`). Fields left out, or null, stay as they are; an empty string clears an optional text field.',
  )
  @ApiSuccess(ClientData, { client: CLIENT_EXAMPLE }, 'The client as updated.')
  @ApiStatuses('missing-param', 'invalid-param', 'permission-denied')
  @Authenticated()
  // Only the fields given change: this example writes Acme's own company name back (no "string" placeholders).
  @ApiBody({ type: UpdateClientDto, examples: { acme: { summary: 'Client 1 (Acme Realty), unchanged', value: { id: 1, company_name: 'Acme Realty' } } } })
  @RendersViews(CLIENT_VIEWS)
  async update(@Body() params: UpdateClientDto, @CurrentSession() caller: SessionAuth, @RequestedView() view: string) {
    return { client: await this.clients.update(caller, params, view) };
  }
}
