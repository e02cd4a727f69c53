import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientsModule } from '../clients/clients.module.js';
import { OrderEntity } from './entities/order.entity.js';
import { TourEntity } from './entities/tour.entity.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { ToursController } from './tours.controller.js';

/** The entities this module owns, for the list the data source is built from. */
export const ORDERS_ENTITIES = [OrderEntity, TourEntity];

/**
 * Orders and tours of clients: orders/create|index, tours/create|index. Exports OrdersService, whose
 * findOrderOfClient / findTourOfClient the XSO route uses to check its order_id / tour_id.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ORDERS_ENTITIES), ClientsModule],
  controllers: [OrdersController, ToursController],
  providers: [OrdersService],
  exports: [OrdersService],
})
export class OrdersModule {}
