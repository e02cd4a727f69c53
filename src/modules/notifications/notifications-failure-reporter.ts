import { Injectable } from '@nestjs/common';
import type { FailureReporter, NotifyingFailure, ReportOutcome } from '../../common/failures/failure-reporter.js';
import { DatabaseOutages } from './database-outages.js';
import { NotificationsService } from './notifications.service.js';

/**
 * The exception filter's FAILURE_REPORTER: a failure of the database being unavailable counts
 * against the outage (which logs and records itself once, when the database is back); any other
 * is recorded on the notifications tab, folded into an open notification when it repeats.
 */
@Injectable()
export class NotificationsFailureReporter implements FailureReporter {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly outages: DatabaseOutages,
  ) {}

  async report({ kind, route, requestId, message, cause }: NotifyingFailure): Promise<ReportOutcome> {
    if (this.outages.absorb(cause, requestId)) return 'outage';
    return this.notifications.record({ kind, route, requestId, message });
  }
}
