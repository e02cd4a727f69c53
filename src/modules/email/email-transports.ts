import mailchimpTransactional from '@mailchimp/mailchimp_transactional';
import type { EmailConfig } from '../../config/email.config.js';
import type { Clock } from '../../common/time/clock.js';
import type { EmailOutboxRepository } from './email-outbox.repository.js';
import type { EmailMessage } from './email-message.js';

/** Delivers one message; throws EmailSendError when it could not. */
export interface EmailTransport {
  send(message: EmailMessage): Promise<void>;
}

/**
 * A failed send, described without secrets: never the API key, never the message body, so it can
 * go to the log and the notifications tab as it is.
 */
export class EmailSendError extends Error {
  override readonly name = 'EmailSendError';
}

/** EMAIL_TRANSPORT=outbox: keep the message in email_outbox; nothing leaves the machine. */
export class OutboxTransport implements EmailTransport {
  constructor(
    private readonly outbox: EmailOutboxRepository,
    private readonly clock: Clock,
  ) {}

  send(message: EmailMessage): Promise<void> {
    return this.outbox.keep(message, this.clock.now());
  }
}

interface MandrillRecipientResult {
  email?: string;
  status?: string;
  reject_reason?: string | null;
}

/**
 * EMAIL_TRANSPORT=mandrill: Mandrill's messages/send through the official client. The client
 * never throws: an HTTP or connection error comes back as a value (an axios error), and a 200 can
 * still carry a per-recipient `rejected` or `invalid` status. Each of these is a failure here.
 */
export class MandrillTransport implements EmailTransport {
  private readonly client: ReturnType<typeof mailchimpTransactional>;

  constructor(private readonly config: EmailConfig) {
    this.client = mailchimpTransactional(config.mandrillApiKey ?? '');
    // basePath and requestConfig are the client's own settings, missing from its type definitions.
    const settings = this.client as unknown as { basePath: string; requestConfig: { timeout?: number } };
    if (config.mandrillBaseUrl) settings.basePath = config.mandrillBaseUrl;
    settings.requestConfig.timeout = config.mandrillTimeoutMs;
  }

  async send(message: EmailMessage): Promise<void> {
    const result: unknown = await this.client.messages.send({
      message: {
        subject: message.subject,
        html: message.html,
        text: message.text,
        from_email: this.config.fromEmail,
        from_name: this.config.fromName,
        to: [{ email: message.to.email, name: message.to.name ?? undefined, type: 'to' }],
        tags: [message.kind],
      },
    });
    throwUnlessSent(result);
  }
}

function throwUnlessSent(result: unknown): void {
  if (result instanceof Error) {
    const { code, response } = result as Error & { code?: string; response?: { status?: number } };
    if (response?.status) throw new EmailSendError(`Mandrill messages/send answered HTTP ${response.status}`);
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') throw new EmailSendError('Mandrill messages/send timed out');
    throw new EmailSendError(`Mandrill messages/send failed to connect (${code ?? result.name})`);
  }
  if (!Array.isArray(result) || result.length === 0) {
    throw new EmailSendError('Mandrill messages/send answered without recipient results');
  }
  for (const recipient of result as MandrillRecipientResult[]) {
    if (recipient.status === 'rejected' || recipient.status === 'invalid' || recipient.status === undefined) {
      const reason = recipient.reject_reason ? ` (${recipient.reject_reason})` : '';
      throw new EmailSendError(`Mandrill did not accept the message for a recipient: ${recipient.status ?? 'no status'}${reason}`);
    }
  }
}
