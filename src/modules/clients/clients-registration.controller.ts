import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ActionResult } from '../../common/envelope/envelope.js';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession, Public } from '../auth/auth.decorators.js';
import { RateLimited } from '../auth/rate-limit.js';
import { clientInfoOf } from '../sessions/client-info.js';
import { ClientsRegistrationService } from './clients-registration.service.js';
import { ClientRegisterDto, RegisterClientDto } from './dto/register-client.dto.js';
import { CLIENT_VIEWS } from '../accounts/account.views.js';
import { RendersViews, RequestedView } from '../../common/views/views.decorator.js';
import { requestedView } from '../../common/views/view-params.js';
import { CLIENT_EXAMPLE, TOKEN_EXAMPLE } from '../accounts/account.examples.js';
import { ClientData, ClientRegistered } from './client.responses.js';

@ApiTags('clients')
@Controller('api/v1')
export class ClientsRegistrationController {
  constructor(private readonly registration: ClientsRegistrationService) {}

  @Post('clients/register')
  @RouteName(
    'Clients Register API',
    'Self-registration of a client (sensitive params): user, client record and session, with a welcome email. If the email cannot be sent, nothing of the registration remains (`mandrill-email-failed`) and the person can try again.',
  )
  @ApiSuccess(ClientRegistered, { token: TOKEN_EXAMPLE, client: CLIENT_EXAMPLE }, 'A session of the new client (the envelope `session`), and the client.')
  @Public()
  @SensitiveParams(RegisterClientDto, {
    params: {
      application: 'planoorder',
      client: { email: 'new.client@plano.test', password: 'new-client-pass', first_name: 'Nora', last_name: 'Newclient', company_name: 'Nora Homes' },
    },
    effect: 'registers new.client@plano.test as a client (its welcome email waits in the outbox; a second try answers email-already-registered).',
  })
  @RateLimited('register')
  @RendersViews(CLIENT_VIEWS)
  @ApiStatuses('client-validation-failed', 'email-already-registered', 'mandrill-email-failed')
  async register(@Body() params: RegisterClientDto, @Req() request: Request) {
    const registered = await this.registration.register(
      {
        application: params.application,
        enterprise: params.enterprise,
        email: params.client.email,
        password: params.client.password,
        firstName: params.client.first_name,
        lastName: params.client.last_name,
        phone: params.client.phone,
        companyId: params.client.company_id,
        companyName: params.client.company_name,
      },
      clientInfoOf(request),
      requestedView(request),
    );
    return new ActionResult({ token: registered.token, client: registered.client }, { session: registered.session });
  }

  @Post('users/client_register')
  @RouteName(
    'Users Client Register API',
    'Makes the caller\'s role-less user a client (where `client-required` sends people) and sends the welcome email. Names default to the user\'s.',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: ClientRegisterDto, examples: { roleless: { summary: 'With roleless@plano.test\'s token: it becomes a client of this company', value: { company_name: 'Roleless Realty' } } } })
  @ApiSuccess(ClientData, { client: CLIENT_EXAMPLE }, "The caller's new client record.")
  @Authenticated({ allowRoleless: true })
  @RendersViews(CLIENT_VIEWS)
  @ApiStatuses('missing-param', 'invalid-param', 'mandrill-email-failed')
  async clientRegister(@Body() params: ClientRegisterDto, @CurrentSession() caller: SessionAuth, @RequestedView() view: string) {
    const client = await this.registration.registerCaller(caller, {
      firstName: params.first_name,
      lastName: params.last_name,
      phone: params.phone,
      companyId: params.company_id,
      companyName: params.company_name,
    }, view);
    return { client };
  }
}
