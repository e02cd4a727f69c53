import { Injectable } from '@nestjs/common';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { OrderEntity } from './entities/order.entity.js';
import { TourEntity } from './entities/tour.entity.js';

/** Which clients' rows a list holds: every client's, or those of these client ids. */
export type ClientScope = 'all' | readonly number[];

/** Orders and tours. Queries go through the ambient transaction's manager when there is one. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  hasOrderOfClient(orderId: number, clientId: number): Promise<boolean> {
    return this.manager.existsBy(OrderEntity, { id: orderId, clientId });
  }

  hasTourOfClient(tourId: number, clientId: number): Promise<boolean> {
    return this.manager.existsBy(TourEntity, { id: tourId, clientId });
  }

  addOrder(order: Omit<OrderEntity, 'id'>): Promise<OrderEntity> {
    return this.manager.save(this.manager.create(OrderEntity, order));
  }

  addTour(tour: Omit<TourEntity, 'id' | 'order'>): Promise<TourEntity> {
    return this.manager.save(this.manager.create(TourEntity, tour));
  }

  /** The orders of the clients in scope, by id. */
  ordersOfClients(scope: ClientScope): Promise<OrderEntity[]> {
    return this.ofClients(OrderEntity, scope);
  }

  /** The tours of the clients in scope, by id. */
  toursOfClients(scope: ClientScope): Promise<TourEntity[]> {
    return this.ofClients(TourEntity, scope);
  }

  private async ofClients<T extends ObjectLiteral>(entity: new () => T, scope: ClientScope): Promise<T[]> {
    if (scope !== 'all' && scope.length === 0) return [];
    const query = this.manager.createQueryBuilder(entity, 'row').orderBy('row.id', 'ASC');
    if (scope !== 'all') query.where('row.clientId IN (:...clientIds)', { clientIds: [...scope] });
    return query.getMany();
  }
}
