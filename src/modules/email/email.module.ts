import { Module } from '@nestjs/common';
import { emailConfig, type EmailConfig } from '../../config/email.config.js';
import { Clock } from '../../common/time/clock.js';
import { EmailOutboxEntity } from './email-outbox.entity.js';
import { EmailOutboxRepository } from './email-outbox.repository.js';
import { EmailService, EMAIL_TRANSPORT } from './email.service.js';
import { MandrillTransport, OutboxTransport } from './email-transports.js';

/** The entities this module owns, for the list the data source is built from. */
export const EMAIL_ENTITIES = [EmailOutboxEntity];

@Module({
  providers: [
    EmailService,
    EmailOutboxRepository,
    {
      provide: EMAIL_TRANSPORT,
      inject: [emailConfig.KEY, EmailOutboxRepository, Clock],
      useFactory: (config: EmailConfig, outbox: EmailOutboxRepository, clock: Clock) =>
        config.transport === 'mandrill' ? new MandrillTransport(config) : new OutboxTransport(outbox, clock),
    },
  ],
  exports: [EmailService],
})
export class EmailModule {}
