import { Module } from '@nestjs/common';
import { AccountsModule } from '../modules/accounts/accounts.module.js';
import { ApplicationsModule } from '../modules/applications/applications.module.js';
import { EmailModule } from '../modules/email/email.module.js';
import { OrdersModule } from '../modules/orders/orders.module.js';
import { DemoSeedService } from './demo-seed.service.js';

/**
 * Demo data for the quick start; imported by `src/seed.ts` and the e2e suite, never by AppModule.
 * Part of the composition layer: it writes through the feature modules' services, so it lives
 * above them, and nothing below may import it.
 */
@Module({
  imports: [AccountsModule, ApplicationsModule, EmailModule, OrdersModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoSeedModule {}
