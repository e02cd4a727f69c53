import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import { ActionResult } from '../../common/envelope/envelope.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { ReadClientDto, UpdateClientDto } from './dto/client-params.dto.js';
import { ClientsIndexParams, IndexClientsDto } from './dto/index-clients.dto.js';
import { ClientsService } from './clients.service.js';
import { CLIENT_EXAMPLE } from '../accounts/account.examples.js';
import { ClientData, ClientPage } from './client.responses.js';
import { CLIENT_VIEWS, toClientView } from '../accounts/account.views.js';
import { ClientCreationService } from './client-creation.service.js';
import { CreateClientDto } from './dto/create-client.dto.js';
import { RendersViews, RequestedView } from '../../common/views/views.decorator.js';

/**
 * clients/index and clients/create are staff's. clients/read and clients/update are open to every role at the guard and
 * decided per client by ClientAccess, so a client id the caller may not use answers invalid-param
 * exactly like one that does not exist.
 */
@ApiTags('clients')
@Controller('api/v1/clients')
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly creation: ClientCreationService,
  ) {}

  @Post('create')
  @RouteName(
    'Clients Create API',
    'Staff: a client for an email (sensitive params). A new email gets a user and its client; an email whose user has no client (a liaison, say) gets a client for that user (`client-created-for-existing-email`, 200; that user’s password is never changed); an email that already has a client answers `email-already-client`. Without a password the client signs in by magic link until they set one.',
  )
  @ApiSuccess(ClientData, { client: { ...CLIENT_EXAMPLE, id: 4, user_id: 9, email: 'new.client@plano.test', first_name: 'Nina', last_name: 'Newclient' } }, 'The new client (the same for client-created-for-existing-email).')
  @ApiStatuses('missing-param', 'invalid-param', 'client-created-for-existing-email', 'email-already-client')
  @Authenticated({ roles: ['employee'] })
  @SensitiveParams(CreateClientDto, {
    params: { email: 'liaison@plano.test', first_name: 'Lia', last_name: 'Liaison', company_name: 'Liaison Homes' },
    effect: 'with a staff session, makes the demo liaison a client too (client-created-for-existing-email; a second try answers email-already-client).',
  })
  @RendersViews(CLIENT_VIEWS)
  async create(@Body() params: CreateClientDto, @RequestedView() view: string) {
    const created = await this.creation.create(params);
    // Only staff get here: they see every field.
    return new ActionResult({ client: toClientView(created.client, view, true) }, { status: created.status });
  }

  @Get('index')
  @RouteName(
    'Clients Index API',
    'Staff: one page of clients, optionally filtered by `search[term]` over `search[attributes]` and sorted; `count=true` adds the total of matches.',
  )
  @ApiSuccess(ClientPage, { results: [CLIENT_EXAMPLE], count: 2 }, 'One page of clients; count (all matches) only with count=true.')
  @Authenticated({ roles: ['employee'] })
  @ClientsIndexParams
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
