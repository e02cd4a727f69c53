import { Injectable } from '@nestjs/common';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { IndexQuery } from '../../common/index-query/index-spec.js';
import { runIndexQuery, type IndexColumns } from '../../database/index-query.js';
import { Transactions } from '../../database/transactions.js';
import { OrderEntity } from './entities/order.entity.js';
import { TourEntity } from './entities/tour.entity.js';

/** Which clients' rows a list holds: every client's, or those of these client ids. */
export type ClientScope = 'all' | readonly number[];

/** orders/index and tours/index in SQL: the columns behind ORDERS_INDEX's and TOURS_INDEX's attributes. */
const ROW_INDEX_COLUMNS: IndexColumns = {
  id: 'item.id',
  searchable: { address: 'item.address' },
  sortable: { id: 'item.id', address: 'LOWER(item.address)', client_id: 'item.client_id', created_at: 'item.created_at' },
};

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

  /** One page of the orders of the clients in scope (orders/index), the total when asked. */
  ordersOfClients(scope: ClientScope, query: IndexQuery): Promise<{ rows: OrderEntity[]; total: number | null }> {
    return this.ofClients(OrderEntity, scope, query, {});
  }

  /** One page of the tours of the clients in scope (tours/index), the total when asked. */
  toursOfClients(scope: ClientScope, query: IndexQuery): Promise<{ rows: TourEntity[]; total: number | null }> {
    return this.ofClients(TourEntity, scope, query, { of_an_order: 'item.order_id IS NOT NULL', standalone: 'item.order_id IS NULL' });
  }

  private async ofClients<T extends ObjectLiteral>(
    entity: new () => T,
    scope: ClientScope,
    query: IndexQuery,
    filters: Record<string, string>,
  ): Promise<{ rows: T[]; total: number | null }> {
    if (scope !== 'all' && scope.length === 0) return { rows: [], total: query.count ? 0 : null };
    const builder = this.manager.createQueryBuilder(entity, 'item');
    if (scope !== 'all') builder.where('item.client_id IN (:...clientIds)', { clientIds: [...scope] });
    return runIndexQuery(builder, { ...ROW_INDEX_COLUMNS, filters }, query);
  }
}
