import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { FAILURE_REPORTER, type FailureReporter } from '../../common/failures/failure-reporter.js';
import { hashToken, isWellFormedToken, issueToken } from '../../common/security/opaque-token.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import type { ApplicationSlug } from '../../config/applications.config.js';
import { sessionsConfig, type SessionsConfig } from '../../config/sessions.config.js';
import { Transactions } from '../../database/transactions.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { magicLinkEmail } from '../email/email-message.js';
import { EmailService } from '../email/email.service.js';
import { SessionsService, type ClientInfo, type IssuedSession } from '../sessions/sessions.service.js';
import { MagicLinkCodesRepository } from './magic-link-codes.repository.js';

/** The route name failures of a background delivery are recorded under. */
export const CREATE_MAGIC_LINK_ROUTE = 'Sessions Create Magic Link API';

export interface MagicLinkRequest {
  readonly email: string;
  readonly application: ApplicationSlug;
  /** Already checked and normalised (checkedRedirectUrl). */
  readonly redirectUrl: string | null;
  readonly requestId: string | null;
}

export interface MagicLinkSignIn {
  readonly issued: IssuedSession;
  readonly redirectUrl: string | null;
}

/**
 * Passwordless sign-in (issue 14, point 5). sessions/create_magic_link must not reveal whether an
 * email has an account, by its answer or by its timing: the route answers at once, the same for
 * every email, and the lookup, the code and the email happen after, in the background. A failed
 * send is recorded as `mandrill-email-failed` in the notifications tab (answering it would tell
 * the caller the address exists); the person asks again.
 */
@Injectable()
export class MagicLinksService implements OnApplicationShutdown {
  private readonly logger = new Logger(MagicLinksService.name);
  /** Deliveries still running: shutdown waits for them, and tests can too. */
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    private readonly codes: MagicLinkCodesRepository,
    private readonly accounts: AccountsService,
    private readonly applications: ApplicationsService,
    private readonly sessions: SessionsService,
    private readonly email: EmailService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @Inject(sessionsConfig.KEY) private readonly config: SessionsConfig,
    @Inject(FAILURE_REPORTER) private readonly failures: FailureReporter,
  ) {}

  /** Starts delivering a link to `request.email`, if it names an account; answers before it is done. */
  request(request: MagicLinkRequest): void {
    const delivery = this.deliver(request).catch((error: unknown) => this.recordFailure(error, request.requestId));
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  /** Resolves once every delivery started so far has ended. */
  async settled(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.all([...this.deliveries]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /**
   * sessions/redeem_magic_link: the code is claimed once (one conditional UPDATE, whatever the
   * concurrency and the number of instances), then the sign-in rules of sessions/create apply and
   * the session opens, all in one transaction: if a rule refuses (account-inactive,
   * user-requires-role) the rollback leaves the code unused.
   */
  async redeem(code: string, client: ClientInfo): Promise<MagicLinkSignIn> {
    if (!isWellFormedToken(code)) throw new PlanoException('invalid-token');
    const codeHash = hashToken(code);
    const now = this.clock.now();
    return this.transactions.run(async () => {
      const row = await this.codes.claimOnce(codeHash, now);
      if (!row) throw new PlanoException('invalid-token');
      const user = await this.accounts.findUserById(row.userId);
      const application = await this.applications.findById(row.applicationId);
      if (!user || user.pendingSince !== null || !application) throw new PlanoException('invalid-token');
      await this.sessions.assertMaySignIn(user.id, application);
      return { issued: await this.sessions.open(user, application, client), redirectUrl: row.redirectUrl };
    });
  }

  private async deliver(request: MagicLinkRequest): Promise<void> {
    const user = await this.accounts.findUserByEmail(request.email);
    // No account, or one whose registration still waits for its welcome email: nothing to send.
    if (!user || user.pendingSince !== null) return;
    const application = await this.sessions.requireApplication(request.application);
    const issued = issueToken();
    const now = this.clock.now();
    await this.codes.record({
      codeHash: issued.hash,
      userId: user.id,
      applicationId: application.id,
      redirectUrl: request.redirectUrl,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.magicLinkTtlSeconds * 1000),
    });
    const link = new URL('/magic-link', this.applications.baseUrlOf('planoauth'));
    link.searchParams.set('code', issued.token);
    // Sent with no transaction open (EmailService.send must never run inside one).
    await this.email.send(magicLinkEmail(user, link.href, Math.round(this.config.magicLinkTtlSeconds / 60)));
  }

  /** What the exception filter does for a failed request, for a delivery no request waits for. */
  private async recordFailure(error: unknown, requestId: string | null): Promise<void> {
    const kind = error instanceof PlanoException && error.slug === 'mandrill-email-failed' ? 'mandrill-email-failed' : 'application-crash';
    const message = kind === 'mandrill-email-failed' ? 'a magic link email could not be sent' : 'a magic link could not be delivered';
    try {
      this.logger.error({ msg: message, request_id: requestId, err: error });
      await this.failures.report({ kind, route: CREATE_MAGIC_LINK_ROUTE, requestId, message, cause: error });
    } catch {
      // Nothing is left to tell (the reporter logs its own failures); a delivery must never reject.
    }
  }
}
