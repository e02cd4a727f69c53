import { Body, Controller, Get, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ActionResult } from '../../common/envelope/envelope.js';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { ApplicationAuthenticated, Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { clientInfoOf } from '../sessions/client-info.js';
import { BrowserRedirect, prefersHtml, XsoBrowserFilter } from './browser-redirect.filter.js';
import { CaptureClientDto, RedeemCodeDto } from './dto/xso.dto.js';
import { targetOf } from './xso-target.js';
import { XsoService } from './xso.service.js';

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
  @RouteName('XSO CaptuRE Client API')
  @Authenticated()
  @UseFilters(XsoBrowserFilter)
  @ApiQuery({ name: 'token', required: false, type: 'string', description: 'Authentication token from current session (or send it as Authorization: Bearer).' })
  @ApiHeader({ name: 'Accept', required: false, description: 'text/html (a browser) gets a 302 to CaptuRE instead of JSON.' })
  @ApiStatuses('missing-param', 'invalid-param')
  async captureClient(@Query() params: CaptureClientDto, @CurrentSession() caller: SessionAuth, @Req() request: Request) {
    const handoff = await this.xso.handOff(caller, params.client_id, targetOf(params));
    if (prefersHtml(request)) throw new BrowserRedirect(handoff.redirect_url);
    return handoff;
  }

  /** CaptuRE, server to server, exchanges a code for a capture session of the user. */
  @Post('redeem')
  @RouteName('XSO Redeem API')
  @ApplicationAuthenticated('capture')
  @ApiStatuses('missing-param', 'invalid-param')
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
