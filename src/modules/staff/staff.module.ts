import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';

/** Staff management of accounts: clients/index|read|update, employees/create, liaisons/create|update. */
@Module({
  imports: [AccountsModule],
  controllers: [],
  providers: [],
})
export class StaffModule {}
