import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { emailConfig, type EmailConfig } from '../../config/email.config.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { EmailService } from '../email/email.service.js';
import type { EmailMessage } from '../email/email-message.js';
import { NotificationsService } from '../notifications/notifications.service.js';

/** How often each instance looks for registrations stranded in the pending state. */
export const PENDING_SWEEP_INTERVAL_MS = 60_000;
/**
 * A pending registration is stranded once older than MANDRILL_TIMEOUT_MS plus this allowance for
 * the writes on either side of the send: no live request can still be waiting for it by then.
 */
export const PENDING_ALLOWANCE_MS = 5_000;

/** What a registration wrote pending, and how to make it real or take it back. */
export interface PendingWrite {
  activate(): Promise<boolean>;
  remove(): Promise<void>;
}

/**
 * Registration and its welcome email without a transaction across the send (CONTRACT.md §12).
 * The account is written pending (it cannot sign in, its session is refused, a second
 * registration of the email is refused by the unique index); the email is sent with no database
 * connection held; then the account is activated, or removed if the send failed. A process that
 * dies mid-send leaves a pending account, which the sweep removes at the next start (and every
 * minute on every instance), recording a notification.
 */
@Injectable()
export class PendingRegistrations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PendingRegistrations.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly accounts: AccountsService,
    private readonly email: EmailService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(emailConfig.KEY) private readonly config: EmailConfig,
  ) {}

  /** Sends `message` for a pending write, then activates it; on a failed send removes it and rethrows. */
  async sendThenActivate(message: EmailMessage, pending: PendingWrite): Promise<void> {
    try {
      await this.email.send(message);
    } catch (error) {
      // If this removal fails too (the database is down), the sweep removes it later.
      await pending.remove().catch((removeError: unknown) => this.logger.warn({ msg: 'could not remove a failed pending registration', error: messageOf(removeError) }));
      throw error;
    }
    // Only a sweep racing a send slower than the allowance gets here with the account gone.
    if (!(await pending.activate())) {
      throw new PlanoException('application-crash', { message: 'The registration expired while its welcome email was being sent; please register again.' });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    // A start that failed elsewhere while the first sweep ran has already shut down: no timer then.
    if (this.stopped) return;
    this.timer = setInterval(() => void this.sweep(), PENDING_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Removes stranded pending registrations; records a notification when there were any. */
  async sweep(): Promise<{ users: number; clients: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.mandrillTimeoutMs - PENDING_ALLOWANCE_MS);
    try {
      const removed = await this.accounts.removePendingSince(cutoff);
      if (removed.users + removed.clients > 0) {
        const message =
          `Removed ${removed.users} pending registration(s) and ${removed.clients} pending client record(s) whose welcome email ` +
          'never completed (the process stopped during the send); those people can register again.';
        this.logger.warn({ msg: 'removed stranded pending registrations', ...removed });
        await this.notifications.record({ kind: 'mandrill-email-failed', route: null, requestId: null, message });
      }
      return removed;
    } catch (error) {
      // The database may be down; the next sweep tries again.
      this.logger.warn({ msg: 'pending registrations sweep failed', error: messageOf(error) });
      return { users: 0, clients: 0 };
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
