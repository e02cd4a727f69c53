import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { CreateOrderDto, IndexOrdersDto, OrdersIndexParams } from './dto/orders-params.dto.js';
import { OrdersService } from './orders.service.js';
import { ORDER_EXAMPLE, OrderData, OrderList } from './orders.responses.js';
import { toOrderView } from './orders.views.js';

/**
 * orders/create is staff's. orders/index is open to every role and lists what the caller may see:
 * staff all, a client its own, a liaison its linked clients'.
 */
@ApiTags('orders')
@Controller('api/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('create')
  @RouteName(
    'Orders Create API',
    'Staff: a new order for a client.',
  )
  @ApiSuccess(OrderData, { order: ORDER_EXAMPLE })
  @ApiStatuses('missing-param', 'invalid-param')
  @Authenticated({ roles: ['employee'] })
  @ApiBody({ type: CreateOrderDto, examples: { acme: { summary: 'An order for Acme Realty', value: { client_id: 1, address: '12 Harbor Road, Springfield' } } } })
  async create(@Body() params: CreateOrderDto, @CurrentSession() caller: SessionAuth) {
    return { order: toOrderView(await this.orders.createOrder(caller, params)) };
  }

  @Get('index')
  @RouteName(
    'Orders Index API',
    'Orders the caller may see: a client its own, a liaison its linked clients\', staff all; `client_id` narrows to one client.',
  )
  @ApiSuccess(OrderList, { results: [ORDER_EXAMPLE], count: 3 }, 'One page of the orders the caller may see; count only with count=true.')
  @Authenticated()
  @OrdersIndexParams
  async index(@Query() params: IndexOrdersDto, @CurrentSession() caller: SessionAuth): Promise<OrderList> {
    const { rows, total } = await this.orders.indexOrders(caller, params);
    const results = rows.map(toOrderView);
    return total === null ? { results } : { results, count: total };
  }
}
