import { ApiProperty } from '@nestjs/swagger';
import type { OrderEntity } from './entities/order.entity.js';
import type { TourEntity } from './entities/tour.entity.js';

// The view classes are the OpenAPI document's named schemas (@ApiSuccess): handlers return
// objects of these shapes, so what the document says is what the compiler checks.

/** An order as the API shows it. Timestamps are ISO 8601 UTC. */
export class OrderView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) client_id!: number;
  @ApiProperty() address!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export function toOrderView(order: OrderEntity): OrderView {
  return { id: order.id, client_id: order.clientId, address: order.address, created_at: order.createdAt.toISOString() };
}

/** A tour as the API shows it; `order_id` is null for a standalone tour. */
export class TourView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) client_id!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The order the tour is part of; null for a standalone tour.' })
  order_id!: number | null;
  @ApiProperty() address!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export function toTourView(tour: TourEntity): TourView {
  return { id: tour.id, client_id: tour.clientId, order_id: tour.orderId, address: tour.address, created_at: tour.createdAt.toISOString() };
}
