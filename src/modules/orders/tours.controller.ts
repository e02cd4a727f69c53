import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { ApiService, RouteName } from '../../common/routing/route.decorators.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession } from '../auth/auth.decorators.js';
import { CreateTourDto, IndexToursDto, ToursIndexParams } from './dto/orders-params.dto.js';
import { OrdersService } from './orders.service.js';
import { TOUR_EXAMPLE, TourData, TourList } from './orders.responses.js';
import { toTourView } from './orders.views.js';

/** tours/create is staff's; tours/index lists what the caller may see, as orders/index does. */
@ApiTags('tours')
@ApiService('orders') // tours are part of the orders service: withdrawing it withdraws both
@Controller('api/v1/tours')
export class ToursController {
  constructor(private readonly orders: OrdersService) {}

  @Post('create')
  @RouteName(
    'Tours Create API',
    'Staff: a new tour for a client, optionally of one of its orders.',
  )
  @ApiSuccess(TourData, { tour: TOUR_EXAMPLE })
  @ApiStatuses('missing-param', 'invalid-param')
  @Authenticated({ roles: ['employee'] })
  @ApiBody({ type: CreateTourDto, examples: { acme: { summary: "A tour of Acme Realty's first order", value: { client_id: 1, address: '12 Harbor Road, Springfield', order_id: 1 } } } })
  async create(@Body() params: CreateTourDto, @CurrentSession() caller: SessionAuth) {
    return { tour: toTourView(await this.orders.createTour(caller, params)) };
  }

  @Get('index')
  @RouteName(
    'Tours Index API',
    'Tours the caller may see: a client its own, a liaison its linked clients\', staff all; `client_id` narrows to one client.',
  )
  @ApiSuccess(TourList, { results: [TOUR_EXAMPLE], count: 2 }, 'One page of the tours the caller may see (order_id is null for a standalone tour); count only with count=true.')
  @Authenticated()
  @ToursIndexParams
  async index(@Query() params: IndexToursDto, @CurrentSession() caller: SessionAuth): Promise<TourList> {
    const { rows, total } = await this.orders.indexTours(caller, params);
    const results = rows.map(toTourView);
    return total === null ? { results } : { results, count: total };
  }
}
