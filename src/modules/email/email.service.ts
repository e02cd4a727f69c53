import { Inject, Injectable } from '@nestjs/common';
import { PlanoException } from '../../common/status/plano.exception.js';
import { EmailSendError, type EmailTransport } from './email-transports.js';
import type { EmailMessage } from './email-message.js';

export const EMAIL_TRANSPORT = Symbol('EMAIL_TRANSPORT');

/** Sends the platform's emails through the configured transport. */
@Injectable()
export class EmailService {
  constructor(@Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport) {}

  /**
   * Sends `message`; a failure becomes `mandrill-email-failed`, whose notification the exception
   * filter records. Never call it inside a transaction: a send can take MANDRILL_TIMEOUT_MS, and
   * the transaction would hold a connection (and, on SQLite, the only one) all that time.
   */
  async send(message: EmailMessage): Promise<void> {
    try {
      await this.transport.send(message);
    } catch (error) {
      if (error instanceof EmailSendError) throw new PlanoException('mandrill-email-failed', { cause: error });
      throw error;
    }
  }
}
