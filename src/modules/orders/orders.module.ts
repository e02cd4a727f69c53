import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module.js';
import { OrderEntity } from './entities/order.entity.js';
import { TourEntity } from './entities/tour.entity.js';
import { OrdersController } from './orders.controller.js';
import { OrdersRepository } from './orders.repository.js';
import { OrdersService } from './orders.service.js';
import { ToursController } from './tours.controller.js';

/** The entities this module owns, for the list the data source is built from. */
export const ORDERS_ENTITIES = [OrderEntity, TourEntity];

/**
 * Orders and tours of clients: orders/create|index, tours/create|index. Exports OrdersService, whose
 * isOrderOfClient / isTourOfClient the XSO route uses to check its order_id / tour_id.
 */
@Module({
  imports: [ClientsModule],
  controllers: [OrdersController, ToursController],
  providers: [OrdersRepository, OrdersService],
  exports: [OrdersService],
})
export class OrdersModule {}
