import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module.js';
import { OrderEntity } from './entities/order.entity.js';
import { TourEntity } from './entities/tour.entity.js';

/** Orders and tours of clients: orders/create|index, tours/create|index. */
@Module({
  imports: [TypeOrmModule.forFeature([OrderEntity, TourEntity]), StaffModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class OrdersModule {}
