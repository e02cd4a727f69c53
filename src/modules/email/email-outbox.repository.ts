import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { EmailOutboxEntity } from './email-outbox.entity.js';
import type { EmailMessage } from './email-message.js';

/** The email_outbox table. Writes go through the ambient transaction's manager when there is one. */
@Injectable()
export class EmailOutboxRepository {
  constructor(private readonly transactions: Transactions) {}

  /** The newest `limit` messages, newest first (`npm run outbox`). */
  latest(limit: number): Promise<EmailOutboxEntity[]> {
    return this.transactions.manager().find(EmailOutboxEntity, { order: { id: 'DESC' }, take: limit });
  }

  /** Keeps `message` in the outbox instead of sending it. */
  async keep(message: EmailMessage, at: Date): Promise<void> {
    await this.transactions.manager().insert(EmailOutboxEntity, {
      kind: message.kind,
      toEmail: message.to.email,
      toName: message.to.name,
      subject: message.subject,
      html: message.html,
      text: message.text,
      createdAt: at,
    });
  }
}
