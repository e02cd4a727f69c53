import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
   * filter records once the caller's transaction has rolled back (so the notification survives it).
   */
  async send(message: EmailMessage, manager: EntityManager): Promise<void> {
    try {
      await this.transport.send(message, manager);
    } catch (error) {
      if (error instanceof EmailSendError) throw new PlanoException('mandrill-email-failed', { cause: error });
      throw error;
    }
  }
}
