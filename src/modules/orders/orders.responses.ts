import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OrderView, TourView } from './orders.views.js';

// What the orders and tours routes put in `data` on success (named schemas, see @ApiSuccess).

export class OrderData {
  @ApiProperty({ type: OrderView }) order!: OrderView;
}

export class OrderList {
  @ApiProperty({ type: [OrderView] }) results!: OrderView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching orders, across pages; only with count=true.' }) count?: number;
}

export class TourData {
  @ApiProperty({ type: TourView }) tour!: TourView;
}

export class TourList {
  @ApiProperty({ type: [TourView] }) results!: TourView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching tours, across pages; only with count=true.' }) count?: number;
}

export const ORDER_EXAMPLE: OrderView = { id: 1, client_id: 1, address: '12 Harbor Road, Springfield', created_at: '2025-01-06T09:30:00.000Z' };

/** A tour of ORDER_EXAMPLE. */
export const TOUR_EXAMPLE: TourView = { id: 1, client_id: 1, order_id: 1, address: '12 Harbor Road, Springfield', created_at: '2025-01-06T09:30:00.000Z' };
