import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { ClientEntity } from './entities/client.entity.js';
import { EmployeeEntity } from './entities/employee.entity.js';
import { LiaisonEntity } from './entities/liaison.entity.js';
import { UserEntity } from './entities/user.entity.js';

/** Users and their roles: the account model every other module asks about. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, ClientEntity, EmployeeEntity, LiaisonEntity])],
  providers: [AccountsService, BootstrapAdminService],
  exports: [AccountsService],
})
export class AccountsModule {}
