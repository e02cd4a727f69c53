import { Body, Controller, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ActionResult } from '../../common/envelope/envelope.js';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import { applicationsConfig, type ApplicationsConfig } from '../../config/applications.config.js';
import { TOKEN_EXAMPLE, USER_EXAMPLE } from '../accounts/account.examples.js';
import { Public } from '../auth/auth.decorators.js';
import { RateLimited } from '../auth/rate-limit.js';
import { clientInfoOf } from '../sessions/client-info.js';
import { checkedRedirectUrl } from '../sessions/redirect-url.js';
import { SignedIn } from '../sessions/session.responses.js';
import { CreateMagicLinkDto, RedeemMagicLinkDto } from './dto/magic-link.dto.js';
import { MagicLinkRequested } from './magic-link.responses.js';
import { CREATE_MAGIC_LINK_ROUTE, MagicLinksService } from './magic-links.service.js';

/** Passwordless sign-in: a one-time link by email, redeemed for a session. */
@ApiTags('sessions')
@Controller('api/v1/sessions')
export class MagicLinksController {
  constructor(
    private readonly magicLinks: MagicLinksService,
    @Inject(applicationsConfig.KEY) private readonly applications: ApplicationsConfig,
  ) {}

  @Post('create_magic_link')
  @RouteName(
    CREATE_MAGIC_LINK_ROUTE,
    'Emails a one-time sign-in link (to PlanoAuth, valid MAGIC_LINK_TTL_SECONDS) if the email has an account. Answers the same at once for every email, known or not: it never tells whether an account exists.',
  )
  @ApiBody({ type: CreateMagicLinkDto, examples: { passwordless: { summary: 'The demo client without a password: its link lands in the outbox (npm run outbox)', value: { email: 'passwordless@plano.test', application: 'planoorder' } } } })
  @ApiSuccess(MagicLinkRequested, { sent_if_registered: true }, 'Asked for: a link goes to the address if it has an account.')
  @Public()
  @RateLimited('magic-link')
  @ApiStatuses('missing-param', 'invalid-param')
  create(@Body() params: CreateMagicLinkDto, @Req() request: Request): MagicLinkRequested {
    const redirectUrl = params.redirect_url === undefined ? null : checkedRedirectUrl(params.redirect_url, this.applications.baseUrls);
    this.magicLinks.request({ email: params.email, application: params.application, redirectUrl, requestId: request.plano?.requestId ?? null });
    return { sent_if_registered: true };
  }

  @Post('redeem_magic_link')
  @RouteName(
    'Sessions Redeem Magic Link API',
    'Exchanges a magic link’s code for a session, like sessions/create with a password (the same role rules). A code redeems once; a used, expired or unknown one answers `invalid-token`.',
  )
  @ApiBody({ type: RedeemMagicLinkDto, examples: { code: { summary: 'Paste the code from the link (as-is this one is unknown: invalid-token)', value: { code: 'paste-the-code-from-the-magic-link-here-0000' } } } })
  @ApiSuccess(SignedIn, { token: TOKEN_EXAMPLE, user: USER_EXAMPLE }, 'The new session token (shown once), its user, and the redirect_url given with the link, if any; the envelope `session` is the new session.')
  @Public()
  @ApiStatuses('missing-param', 'invalid-param', 'invalid-token', 'account-inactive', 'user-requires-role')
  async redeem(@Body() params: RedeemMagicLinkDto, @Req() request: Request) {
    const { issued, redirectUrl } = await this.magicLinks.redeem(params.code, clientInfoOf(request));
    return new ActionResult(
      { token: issued.token, user: issued.user, ...(redirectUrl ? { redirect_url: redirectUrl } : {}) },
      { session: issued.session },
    );
  }
}
