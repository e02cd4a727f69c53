import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { EmailModule } from '../email/email.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { MagicLinkCodeEntity } from './entities/magic-link-code.entity.js';
import { MagicLinkCodesRepository } from './magic-link-codes.repository.js';
import { MagicLinksController } from './magic-links.controller.js';
import { MagicLinksService } from './magic-links.service.js';

/** The entities this module owns, for the list the data source is built from. */
export const MAGIC_LINKS_ENTITIES = [MagicLinkCodeEntity];

/** sessions/create_magic_link and sessions/redeem_magic_link: passwordless sign-in (issue 14). */
@Module({
  imports: [AccountsModule, ApplicationsModule, SessionsModule, EmailModule, NotificationsModule],
  controllers: [MagicLinksController],
  providers: [MagicLinkCodesRepository, MagicLinksService],
})
export class MagicLinksModule {}
