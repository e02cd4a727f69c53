import { Body, Controller, Get, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ActionResult } from '../../common/envelope/envelope.js';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { applicationsConfig, type ApplicationsConfig } from '../../config/applications.config.js';
import { toRolesView, toUserView } from '../accounts/account.views.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession, Public } from '../auth/auth.decorators.js';
import { RateLimited } from '../auth/rate-limit.js';
import { clientInfoOf } from './client-info.js';
import { checkedRedirectUrl } from './redirect-url.js';
import { CreateSessionDto } from './dto/create-session.dto.js';
import { RevokeSessionsDto } from './dto/revoke-sessions.dto.js';
import { IndexSessionsDto, SESSIONS_INDEX, SessionsIndexParams } from './dto/index-sessions.dto.js';
import { indexQueryOf } from '../../common/index-query/index-params.js';
import { viewsPage } from '../../common/index-query/records-page.js';
import { SessionsService } from './sessions.service.js';
import { demoAccount } from '../../common/demo/demo-accounts.js';
import { ROLES_EXAMPLE, TOKEN_EXAMPLE, USER_EXAMPLE } from '../accounts/account.examples.js';
import { CurrentSessionData, SESSION_EXAMPLE, SessionList, SessionsRevoked, SignedIn } from './session.responses.js';

@ApiTags('sessions')
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(applicationsConfig.KEY) private readonly applications: ApplicationsConfig,
  ) {}

  @Post('create')
  @RouteName(
    'Sessions Create API',
    'Signs in with email and password (sensitive params: a base64 body) and opens a session of `application`. The token in `data.token` is shown once; send it as `Authorization: Bearer` or as the `token` param. `remember_me: true` keeps the user\'s sessions from expiring by time. A role-less user may sign in to `planoauth` only.',
  )
  @ApiSuccess(SignedIn, { token: TOKEN_EXAMPLE, user: USER_EXAMPLE, redirect_url: 'https://order.plano.test/welcome' }, 'The new session token (shown once), its user, and redirect_url when one was passed; the envelope `session` is the new session.')
  @Public()
  @SensitiveParams(CreateSessionDto, {
    params: { email: demoAccount('client').email, password: demoAccount('client').password, application: 'planoorder' },
    effect: `signs in ${demoAccount('client').email} (the demo client, Acme Realty) with ${demoAccount('client').password} for planoorder: the token is in data.token.`,
  })
  @RateLimited('login')
  @ApiStatuses('missing-param', 'invalid-param', 'email-not-found', 'invalid-password', 'user-has-no-password', 'account-inactive', 'user-requires-role')
  async create(@Body() params: CreateSessionDto, @Req() request: Request) {
    const redirectUrl = params.redirect_url === undefined ? undefined : checkedRedirectUrl(params.redirect_url, this.applications.baseUrls);
    const issued = await this.sessions.login(
      { email: params.email, password: params.password, application: params.application, rememberMe: params.remember_me },
      clientInfoOf(request),
    );
    return new ActionResult(
      { token: issued.token, user: issued.user, ...(redirectUrl ? { redirect_url: redirectUrl } : {}) },
      { session: issued.session },
    );
  }

  @Get('read')
  @RouteName(
    'Sessions Read API',
    'The caller\'s session, user and role records. Allowed for a user with no role, who needs it to finish registering.',
  )
  @ApiSuccess(CurrentSessionData, { user: USER_EXAMPLE, roles: ROLES_EXAMPLE }, 'The caller and its roles; the envelope `session` is the current session.')
  @Authenticated({ allowRoleless: true })
  read(@CurrentSession() caller: SessionAuth) {
    return { user: toUserView(caller.user), roles: toRolesView(caller.roles) };
  }

  @Post('destroy')
  @RouteName(
    'Sessions Destroy API',
    'Signs out: revokes the caller\'s own session. Its token and the XSO codes it issued stop working.',
  )
  @ApiSuccess(SessionsRevoked, { revoked: 1 }, 'How many sessions were revoked: the current one.')
  @Authenticated({ allowRoleless: true })
  async destroy(@CurrentSession() caller: SessionAuth) {
    return { revoked: await this.sessions.destroy(caller) };
  }

  @Get('index')
  @RouteName(
    'Sessions Index API',
    'The caller\'s live sessions, newest first (never their tokens).',
  )
  @ApiSuccess(SessionList, { results: [SESSION_EXAMPLE] }, "The caller's live sessions (never their tokens).")
  @Authenticated({ allowRoleless: true })
  @SessionsIndexParams
  async index(@Query() params: IndexSessionsDto, @CurrentSession() caller: SessionAuth): Promise<SessionList> {
    // One user's live sessions are few: read whole (their expiry is worked out per session), paged here.
    return viewsPage(await this.sessions.listLive(caller), indexQueryOf(params, SESSIONS_INDEX));
  }

  @Post('revoke')
  @RouteName(
    'Sessions Revoke API',
    'Revokes one of the caller\'s sessions by `id`, or every other one with `all_others: true`. Another user\'s session id answers like a nonexistent one.',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: RevokeSessionsDto, examples: { otherSessions: { summary: 'Sign out every other session of yours (this one stays)', value: { all_others: true } } } })
  @ApiSuccess(SessionsRevoked, { revoked: 1 }, 'How many sessions were revoked.')
  @Authenticated({ allowRoleless: true })
  @ApiStatuses('missing-param', 'invalid-param')
  async revoke(@Body() params: RevokeSessionsDto, @CurrentSession() caller: SessionAuth) {
    if (params.id !== undefined && params.all_others !== undefined) {
      throw new PlanoException('invalid-param', {
        message: 'pass either id or all_others, not both',
        errors: [{ param: 'all_others', problem: 'conflicts-with-id' }],
      });
    }
    if (params.id !== undefined) return { revoked: await this.sessions.revokeOne(caller, params.id) };
    if (params.all_others === true) return { revoked: await this.sessions.revokeAllOthers(caller) };
    throw new PlanoException('missing-param', {
      message: 'id or all_others=true is required',
      errors: [{ param: 'id', problem: 'missing', message: 'id or all_others=true is required' }],
    });
  }
}
