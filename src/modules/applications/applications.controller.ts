import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { indexQueryOf } from '../../common/index-query/index-params.js';
import { viewsPage } from '../../common/index-query/records-page.js';
import {
  APPLICATION_TOKENS_INDEX,
  APPLICATIONS_INDEX,
  ApplicationsIndexParams,
  ApplicationTokensIndexParams,
  IndexApplicationsDto,
  IndexApplicationTokensDto,
} from './dto/index-applications.dto.js';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { ApplicationsService } from './applications.service.js';
import { CreateApplicationTokenDto } from './dto/create-application-token.dto.js';
import { RevokeApplicationTokenDto } from './dto/revoke-application-token.dto.js';
import { TOKEN_EXAMPLE } from '../accounts/account.examples.js';
import {
  APPLICATION_EXAMPLE,
  APPLICATION_TOKEN_EXAMPLE,
  ApplicationList,
  ApplicationTokenIssued,
  ApplicationTokenList,
  ApplicationTokenRevoked,
} from './application.responses.js';

@ApiTags('applications')
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get('index')
  @RouteName(
    'Applications Index API',
    'Admin: the applications that call the platform and their base URLs.',
  )
  @ApiSuccess(ApplicationList, { results: [APPLICATION_EXAMPLE] })
  @Authenticated({ admin: true })
  @ApplicationsIndexParams
  async index(@Query() params: IndexApplicationsDto): Promise<ApplicationList> {
    // Four applications, reference data: read whole, paged here.
    return viewsPage(await this.applications.list(), indexQueryOf(params, APPLICATIONS_INDEX));
  }

  @Post('create_token')
  @RouteName(
    'Applications Create Token API',
    'Admin: a new server-to-server token of an application, shown once (only its hash is kept). CaptuRE uses one to redeem XSO codes.',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: CreateApplicationTokenDto, examples: { capture: { summary: 'A new CaptuRE token (shown once), for xso/redeem', value: { application: 'capture' } } } })
  @ApiSuccess(ApplicationTokenIssued, { token: TOKEN_EXAMPLE, application: APPLICATION_EXAMPLE }, 'The new application token (shown once) and its application.')
  @Authenticated({ admin: true })
  @ApiStatuses('missing-param', 'invalid-param')
  createToken(@Body() params: CreateApplicationTokenDto, @CurrentSession() caller: SessionAuth) {
    return this.applications.createToken(params.application, caller.user.id);
  }

  @Get('tokens')
  @RouteName(
    'Applications Tokens API',
    'Admin: every application token, newest first: its application, when it was created, last used and revoked. Never the token itself.',
  )
  @ApiSuccess(ApplicationTokenList, { results: [APPLICATION_TOKEN_EXAMPLE] })
  @Authenticated({ admin: true })
  @ApplicationTokensIndexParams
  async tokens(@Query() params: IndexApplicationTokensDto): Promise<ApplicationTokenList> {
    // A handful per application, issued by admins: read whole, paged here.
    return viewsPage(await this.applications.listTokens(), indexQueryOf(params, APPLICATION_TOKENS_INDEX), {
      live: (token) => token.revoked_at === null,
      revoked: (token) => token.revoked_at !== null,
    });
  }

  @Post('revoke_token')
  @RouteName(
    'Applications Revoke Token API',
    'Admin: revokes an application token (a leaked one, say). It is refused from the next request on, on every instance.',
  )
  @ApiSuccess(ApplicationTokenRevoked, { token: { ...APPLICATION_TOKEN_EXAMPLE, revoked_at: '2026-11-29T10:00:00.000Z' } }, 'The token, now revoked.')
  @Authenticated({ admin: true })
  @ApiStatuses('missing-param', 'invalid-param')
  async revokeToken(@Body() params: RevokeApplicationTokenDto) {
    return { token: await this.applications.revokeToken(params.id) };
  }
}
