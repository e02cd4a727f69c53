import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ClientAccess } from './client-access.js';
import { EmployeesController } from './employees.controller.js';
import { LiaisonsController } from './liaisons.controller.js';
import { StaffAccountsService } from './staff-accounts.service.js';
import { StaffClientsController } from './staff-clients.controller.js';
import { StaffClientsService } from './staff-clients.service.js';

/**
 * Staff management of accounts: clients/index|read|update, employees/create, liaisons/create|update.
 * Exports ClientAccess, the one rule of which clients a caller may use (XSO reuses it).
 */
@Module({
  imports: [AccountsModule],
  controllers: [StaffClientsController, EmployeesController, LiaisonsController],
  providers: [ClientAccess, StaffClientsService, StaffAccountsService],
  exports: [ClientAccess],
})
export class StaffModule {}
