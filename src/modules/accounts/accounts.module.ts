import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { ClientEntity } from './entities/client.entity.js';
import { EmployeeEntity } from './entities/employee.entity.js';
import { LiaisonEntity } from './entities/liaison.entity.js';
import { UserEntity } from './entities/user.entity.js';

/** The entities this module owns, for the list the data source is built from. */
export const ACCOUNTS_ENTITIES = [UserEntity, ClientEntity, EmployeeEntity, LiaisonEntity];

/** Users and their roles: the account model every other module asks about. */
@Module({
  providers: [AccountsRepository, AccountsService, BootstrapAdminService],
  exports: [AccountsService],
})
export class AccountsModule {}
