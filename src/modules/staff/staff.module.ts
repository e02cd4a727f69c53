import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { EmployeesController } from './employees.controller.js';
import { LiaisonsController } from './liaisons.controller.js';
import { StaffAccountsService } from './staff-accounts.service.js';

/** Staff accounts: employees/create, liaisons/create|update. */
@Module({
  imports: [AccountsModule],
  controllers: [EmployeesController, LiaisonsController],
  providers: [StaffAccountsService],
})
export class StaffModule {}
