import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { indexParamsOf } from '../../../common/index-query/index-params.js';
import type { IndexSpec } from '../../../common/index-query/index-spec.js';
import { QueryInt } from '../../../common/validation/query-values.js';
import { IsId } from '../../../common/validation/stored-values.js';

/** The longest address an order or tour holds (the column's length). */
export const ADDRESS_MAX_LENGTH = 300;

/** `orders/create`: a new order for an existing client. */
export class CreateOrderDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The client the order is for.' })
  @IsId()
  client_id: number;

  @ApiProperty({ maxLength: ADDRESS_MAX_LENGTH, example: '12 Harbor Road, Bayview' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'address must not be blank' })
  @MaxLength(ADDRESS_MAX_LENGTH)
  address: string;
}

/** `tours/create`: a new tour for an existing client, optionally part of one of that client's orders. */
export class CreateTourDto extends CreateOrderDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: "An order of the same client the tour belongs to." })
  @IsOptional()
  @IsId()
  order_id?: number;
}

export const ORDERS_INDEX: IndexSpec = {
  resource: 'orders',
  searchable: ['address'],
  sortable: ['id', 'address', 'client_id', 'created_at'],
  filters: [],
  defaultSort: { attribute: 'id', order: 'asc' },
};

export const TOURS_INDEX: IndexSpec = {
  resource: 'tours',
  searchable: ['address'],
  sortable: ['id', 'address', 'client_id', 'created_at'],
  filters: ['of_an_order', 'standalone'],
  defaultSort: { attribute: 'id', order: 'asc' },
};

const ordersIndex = indexParamsOf(ORDERS_INDEX);
const toursIndex = indexParamsOf(TOURS_INDEX);
export const OrdersIndexParams = ordersIndex.documented;
export const ToursIndexParams = toursIndex.documented;

const CLIENT_ID_DESCRIPTION = 'Only this client’s; it must be a client the caller may use.';

/** `orders/index`: the index convention, optionally only one client's (one the caller may use). */
export class IndexOrdersDto extends ordersIndex.Params {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 1, description: CLIENT_ID_DESCRIPTION })
  @QueryInt()
  @IsOptional()
  @IsId()
  client_id?: number;
}

/** `tours/index`: the index convention, optionally only one client's (one the caller may use). */
export class IndexToursDto extends toursIndex.Params {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 1, description: CLIENT_ID_DESCRIPTION })
  @QueryInt()
  @IsOptional()
  @IsId()
  client_id?: number;
}
