import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { pino } from 'pino';
import { AppLogger, LOG_DESTINATION } from './logging/logger.js';
import { WriteActivity } from './request/write-activity.js';
import { RouteCatalog } from './routing/route-catalog.js';
import { PasswordHasher } from './security/password-hasher.js';
import { Clock } from './time/clock.js';

/** The cross-cutting services every module may use: the clock, write activity, the logger, the route catalogue, password hashing. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    Clock,
    WriteActivity,
    AppLogger,
    RouteCatalog,
    PasswordHasher,
    // Synchronous writes: a line written just before a crash or exit is never lost.
    { provide: LOG_DESTINATION, useFactory: () => pino.destination({ dest: 1, sync: true }) },
  ],
  exports: [Clock, WriteActivity, AppLogger, RouteCatalog, PasswordHasher],
})
export class CommonModule {}
