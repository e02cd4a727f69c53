import type { OrderEntity } from './entities/order.entity.js';
import type { TourEntity } from './entities/tour.entity.js';

/** An order as the API shows it. Timestamps are ISO 8601 UTC. */
export interface OrderView {
  id: number;
  client_id: number;
  address: string;
  created_at: string;
}

export function toOrderView(order: OrderEntity): OrderView {
  return { id: order.id, client_id: order.clientId, address: order.address, created_at: order.createdAt.toISOString() };
}

/** A tour as the API shows it; `order_id` is null for a standalone tour. */
export interface TourView {
  id: number;
  client_id: number;
  order_id: number | null;
  address: string;
  created_at: string;
}

export function toTourView(tour: TourEntity): TourView {
  return { id: tour.id, client_id: tour.clientId, order_id: tour.orderId, address: tour.address, created_at: tour.createdAt.toISOString() };
}
