import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module.js';
import { OrderEntity } from './entities/order.entity.js';
import { TourEntity } from './entities/tour.entity.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { ToursController } from './tours.controller.js';

/**
 * Orders and tours of clients: orders/create|index, tours/create|index. Exports OrdersService, whose
 * findOrderOfClient / findTourOfClient the XSO route uses to check its order_id / tour_id.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OrderEntity, TourEntity]), StaffModule],
  controllers: [OrdersController, ToursController],
  providers: [OrdersService],
  exports: [OrdersService],
})
export class OrdersModule {}
