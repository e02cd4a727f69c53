import { Module } from '@nestjs/common';
import { FAILURE_REPORTER } from '../../common/failures/failure-reporter.js';
import { NotificationEntity } from './notification.entity.js';
import { NotificationsController } from './notifications.controller.js';
import { DatabaseOutages } from './database-outages.js';
import { NotificationsFailureReporter } from './notifications-failure-reporter.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** The entities this module owns, for the list the data source is built from. */
export const NOTIFICATIONS_ENTITIES = [NotificationEntity];

@Module({
  controllers: [NotificationsController],
  // FAILURE_REPORTER is exported for the exception filters: the global one, instantiated in
  // AppModule (which imports this module), and the copy XsoModule provides to XsoBrowserFilter.
  providers: [NotificationsRepository, NotificationsService, DatabaseOutages, { provide: FAILURE_REPORTER, useClass: NotificationsFailureReporter }],
  exports: [NotificationsService, DatabaseOutages, FAILURE_REPORTER],
})
export class NotificationsModule {}
