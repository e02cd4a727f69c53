import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { ApiService, RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { CreateTourDto, IndexByClientDto } from './dto/orders-params.dto.js';
import { OrdersService } from './orders.service.js';
import { toTourView } from './orders.views.js';

/** tours/create is staff's; tours/index lists what the caller may see, as orders/index does. */
@ApiTags('tours')
@ApiService('orders') // tours are part of the orders service: withdrawing it withdraws both
@Controller('api/v1/tours')
export class ToursController {
  constructor(private readonly orders: OrdersService) {}

  @Post('create')
  @RouteName('Tours Create API')
  @ApiStatuses('missing-param', 'invalid-param')
  @Authenticated({ roles: ['employee'] })
  async create(@Body() params: CreateTourDto, @CurrentSession() caller: SessionAuth) {
    return { tour: toTourView(await this.orders.createTour(caller, params)) };
  }

  @Get('index')
  @RouteName('Tours Index API')
  @ApiStatuses('invalid-param')
  @Authenticated()
  async index(@Query() params: IndexByClientDto, @CurrentSession() caller: SessionAuth) {
    return { results: (await this.orders.indexTours(caller, params.client_id)).map(toTourView) };
  }
}
