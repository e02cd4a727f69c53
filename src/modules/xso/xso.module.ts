import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { XsoCodeEntity } from './entities/xso-code.entity.js';
import { XsoController } from './xso.controller.js';
import { XsoService } from './xso.service.js';

/** Cross sign-on into CaptuRE: capture_client and redeem. */
@Module({
  imports: [TypeOrmModule.forFeature([XsoCodeEntity]), AccountsModule, ApplicationsModule, NotificationsModule, OrdersModule, SessionsModule, StaffModule],
  controllers: [XsoController],
  providers: [XsoService],
})
export class XsoModule {}
