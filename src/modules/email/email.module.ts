import { Module } from '@nestjs/common';
import { emailConfig, type EmailConfig } from '../../config/email.config.js';
import { Clock } from '../../common/time/clock.js';
import { EmailService, EMAIL_TRANSPORT } from './email.service.js';
import { MandrillTransport, OutboxTransport } from './email-transports.js';

@Module({
  providers: [
    EmailService,
    {
      provide: EMAIL_TRANSPORT,
      inject: [emailConfig.KEY, Clock],
      useFactory: (config: EmailConfig, clock: Clock) =>
        config.transport === 'mandrill' ? new MandrillTransport(config) : new OutboxTransport(clock),
    },
  ],
  exports: [EmailService],
})
export class EmailModule {}
