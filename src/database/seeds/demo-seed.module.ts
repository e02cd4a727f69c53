import { Module } from '@nestjs/common';
import { AccountsModule } from '../../modules/accounts/accounts.module.js';
import { ApplicationsModule } from '../../modules/applications/applications.module.js';
import { DemoSeedService } from './demo-seed.service.js';

/** Demo data for the quick start; imported by `src/seed.ts` and the e2e suite, never by AppModule. */
@Module({
  imports: [AccountsModule, ApplicationsModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoSeedModule {}
