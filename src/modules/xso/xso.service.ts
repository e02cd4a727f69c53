import { Inject, Injectable } from '@nestjs/common';
import { hashToken, isWellFormedToken, issueToken } from '../../common/security/opaque-token.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { xsoConfig, type XsoConfig } from '../../config/xso.config.js';
import { Transactions } from '../../database/transactions.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { isInactiveAccount } from '../auth/roles.js';
import { ApplicationsService } from '../applications/applications.service.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { OrdersService } from '../orders/orders.service.js';
import { SessionsService, type ClientInfo, type IssuedSession } from '../sessions/sessions.service.js';
import { ClientAccess } from '../clients/client-access.js';
import { XsoCodesRepository } from './xso-codes.repository.js';
import type { XsoTarget, XsoTargetKind } from './xso-target.js';
import type { CaptureHandoff } from './xso.responses.js';

export interface Redemption {
  readonly issued: IssuedSession;
  readonly clientId: number;
  readonly target: XsoTargetKind;
  readonly orderId: number | null;
  readonly tourId: number | null;
}

/**
 * Cross sign-on into CaptuRE (CONTRACT.md §9): a signed-in user gets a one-time code for a client
 * and a target; CaptuRE redeems it, server to server, for a session of its own.
 */
@Injectable()
export class XsoService {
  constructor(
    private readonly codes: XsoCodesRepository,
    private readonly access: ClientAccess,
    private readonly orders: OrdersService,
    private readonly applications: ApplicationsService,
    private readonly sessions: SessionsService,
    private readonly accounts: AccountsService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @Inject(xsoConfig.KEY) private readonly config: XsoConfig,
  ) {}

  /**
   * capture_client: checks the client is the caller's to use and the order or tour is that
   * client's (the same message as a nonexistent id either way), then issues the code. The
   * redirect URL is built here from the capture application's base URL: nothing in the request
   * chooses where the user is sent.
   */
  async handOff(caller: SessionAuth, clientId: number, target: XsoTarget): Promise<CaptureHandoff> {
    await this.access.assertCanActFor(caller, clientId, 'client_id');
    if (target.kind === 'order' && !(await this.orders.isOrderOfClient(target.orderId, clientId))) {
      throw PlanoException.notFoundOrNotYours('order_id', target.orderId);
    }
    if (target.kind === 'tour' && !(await this.orders.isTourOfClient(target.tourId, clientId))) {
      throw PlanoException.notFoundOrNotYours('tour_id', target.tourId);
    }
    const issued = issueToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.codeTtlSeconds * 1000);
    const recorded = await this.codes.recordCode({
      codeHash: issued.hash,
      userId: caller.user.id,
      sessionId: caller.session.id,
      clientId,
      applicationSlug: 'capture',
      target: target.kind,
      orderId: target.kind === 'order' ? target.orderId : null,
      tourId: target.kind === 'tour' ? target.tourId : null,
      createdAt: now,
      expiresAt,
    });
    if (!recorded) {
      // No capture application: the same answer as any other route naming a missing one.
      await this.sessions.requireApplication('capture');
      throw new Error('the capture application vanished while a code was issued for it');
    }
    const redirectUrl = new URL(`${this.applications.baseUrlOf('capture')}/xso`);
    redirectUrl.searchParams.set('code', issued.token);
    return {
      redirect_url: redirectUrl.toString(),
      code: issued.token,
      expires_at: expiresAt.toISOString(),
      client_id: clientId,
      target: target.kind,
      ...(target.kind === 'order' ? { order_id: target.orderId } : {}),
      ...(target.kind === 'tour' ? { tour_id: target.tourId } : {}),
    };
  }

  /**
   * redeem: exactly one redemption of a code succeeds, whatever the concurrency and however many
   * instances: the code is claimed once (XsoCodesRepository.claimCodeOnce: one conditional UPDATE),
   * and only the request whose claim won goes on to open the session. A session past its time limits (CONTRACT.md §4) that no request has yet
   * marked expired is caught inside the same transaction, whose rollback leaves the code unclaimed;
   * marking it expired is left to the token check: a redeem only declines to open a session for it.
   *
   * Everything inside the transaction goes through its own connection (the ambient one every
   * repository queries through, see Transactions): a query on another pool connection from in here
   * would wait for a connection while holding one, and a flood of redeems would then hold every
   * connection and wait forever. The capture application is read before the transaction opens,
   * since it needs no lock.
   */
  async redeem(code: string, client: ClientInfo): Promise<Redemption> {
    if (!isWellFormedToken(code)) throw new PlanoException('invalid-token');
    const codeHash = hashToken(code);
    const capture = await this.sessions.requireApplication('capture');
    const now = this.clock.now();
    return this.transactions.run(async () => {
      const row = await this.codes.claimCodeOnce(codeHash, now);
      if (!row) throw new PlanoException('invalid-token');
      const user = await this.accounts.findUserById(row.userId);
      if (!user || row.applicationId !== capture.id) throw new PlanoException('invalid-token');
      // Deactivated since the code was issued: refused, and the rollback leaves the code unclaimed.
      if (isInactiveAccount(await this.accounts.rolesOf(user.id))) throw new PlanoException('account-inactive');
      if (row.sessionId === null || !(await this.sessions.isWithinTimeLimits(row.sessionId, user.rememberMe, now))) {
        throw new PlanoException('invalid-token');
      }
      const issued = await this.sessions.open(user, capture, client);
      return { issued, clientId: row.clientId, target: row.target, orderId: row.orderId, tourId: row.tourId };
    });
  }
}
