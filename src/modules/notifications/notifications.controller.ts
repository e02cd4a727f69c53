import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { AcknowledgeNotificationDto, ListNotificationsDto } from './dto/notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The production notifications tab (CONTRACT.md §7), for staff. */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('index')
  @RouteName('Notifications Index API')
  @Authenticated({ roles: ['employee'] })
  @ApiStatuses('invalid-param')
  index(@Query() params: ListNotificationsDto) {
    return this.notifications.list({ acknowledged: params.acknowledged, size: params.page?.size ?? 25, number: params.page?.number ?? 1 });
  }

  @Post('acknowledge')
  @RouteName('Notifications Acknowledge API')
  @Authenticated({ roles: ['employee'] })
  @ApiStatuses('missing-param', 'invalid-param')
  async acknowledge(@Body() params: AcknowledgeNotificationDto) {
    return { notification: await this.notifications.acknowledge(params.id) };
  }
}
