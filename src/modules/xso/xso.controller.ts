import { Body, Controller, Get, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ActionResult } from '../../common/envelope/envelope.js';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { ApplicationAuthenticated, Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { clientInfoOf } from '../sessions/client-info.js';
import { BrowserRedirect, prefersHtml, XsoBrowserFilter } from './browser-redirect.filter.js';
import { CaptureClientDto, RedeemCodeDto } from './dto/xso.dto.js';
import { targetOf } from './xso-target.js';
import { XsoService } from './xso.service.js';
import { TOKEN_EXAMPLE, USER_EXAMPLE } from '../accounts/account.examples.js';
import { CaptureHandoff, CaptureSession } from './xso.responses.js';

@ApiTags('xso')
@Controller('api/v1/xso')
export class XsoController {
  constructor(private readonly xso: XsoService) {}

  /**
   * Hands a signed-in user into CaptuRE for a client: home, straight to step 1, an order, or a
   * tour (step 2). JSON callers get the redirect URL and code; a browser following a link is
   * sent there with a 302 (and to PlanoAuth's registration page on client-required).
   */
  @Get('capture_client')
  @RouteName(
    'XSO CaptuRE Client API',
    'Hands the signed-in user into CaptuRE for a client: home, step 1, an order or a tour (at most one target). Answers a one-time code and the CaptuRE URL carrying it; a browser (`Accept` preferring text/html) is redirected there with a 302.',
  )
  @ApiSuccess(CaptureHandoff, { redirect_url: 'https://capture.plano.test/xso?code=Hq3vX0bq2yVt7c1mW8pK4sD6fG9hJ2kL5nR8tU1wZ4c', code: 'Hq3vX0bq2yVt7c1mW8pK4sD6fG9hJ2kL5nR8tU1wZ4c', expires_at: '2025-01-06T09:31:00.000Z', client_id: 1, target: 'order', order_id: 1 }, 'Where to send the browser: CaptuRE with a one-time code for the client, and what it opens (target: home, step_1, order or tour, with order_id / tour_id for those).')
  @Authenticated()
  @UseFilters(XsoBrowserFilter)
  @ApiQuery({ name: 'token', required: false, type: 'string', description: 'Authentication token from current session (or send it as Authorization: Bearer).' })
  // Accept is not declared as a parameter: OpenAPI 3.0 forbids it; the 302 response says it instead.
  @ApiResponse({
    status: 302,
    description:
      'A browser (a request whose Accept prefers text/html) is redirected: to CaptuRE with the code, or to ' +
      "PlanoAuth's registration page on client-required. JSON callers get 200 with the redirect_url instead.",
    headers: { Location: { description: 'Where the browser goes next.', schema: { type: 'string' } } },
  })
  @ApiStatuses('missing-param', 'invalid-param')
  async captureClient(@Query() params: CaptureClientDto, @CurrentSession() caller: SessionAuth, @Req() request: Request) {
    const handoff = await this.xso.handOff(caller, params.client_id, targetOf(params));
    if (prefersHtml(request)) throw new BrowserRedirect(handoff.redirect_url);
    return handoff;
  }

  /** CaptuRE, server to server, exchanges a code for a capture session of the user. */
  @Post('redeem')
  @RouteName(
    'XSO Redeem API',
    'CaptuRE, with its application token, exchanges a one-time code for a capture session of the user. Exactly one redemption of a code succeeds; a used, expired or unknown code, or one whose issuing session has ended, answers `invalid-token`; a code of a client deactivated since it was issued answers `account-inactive` and stays unredeemed.',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: RedeemCodeDto, examples: { code: { summary: 'Paste the code from xso/capture_client (as-is this one is unknown: invalid-token)', value: { code: 'paste-the-code-from-capture_client-here-0000' } } } })
  @ApiSuccess(CaptureSession, { token: TOKEN_EXAMPLE, user: USER_EXAMPLE, client_id: 1, target: 'order', order_id: 1 }, 'A capture session of the user (the envelope `session`), the client and the target of the code; order_id / tour_id only for those targets.')
  @ApplicationAuthenticated('capture')
  @ApiStatuses('missing-param', 'invalid-param', 'account-inactive')
  async redeem(@Body() params: RedeemCodeDto, @Req() request: Request) {
    const redemption = await this.xso.redeem(params.code, clientInfoOf(request));
    return new ActionResult(
      {
        token: redemption.issued.token,
        user: redemption.issued.user,
        client_id: redemption.clientId,
        target: redemption.target,
        ...(redemption.orderId !== null ? { order_id: redemption.orderId } : {}),
        ...(redemption.tourId !== null ? { tour_id: redemption.tourId } : {}),
      },
      { session: redemption.issued.session },
    );
  }
}
