import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { indexQueryOf } from '../../common/index-query/index-params.js';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { AcknowledgeNotificationDto } from './dto/acknowledge-notification.dto.js';
import { IndexNotificationsDto, NOTIFICATIONS_INDEX, NotificationsIndexParams } from './dto/index-notifications.dto.js';
import { toNotificationView, type NotificationView } from './notification.views.js';
import { NotificationData, NotificationPage } from './notifications.responses.js';
import { NotificationsService } from './notifications.service.js';

/** What the OpenAPI document shows as this module's records (@ApiSuccess). */
const NOTIFICATION_EXAMPLE: NotificationView = {
  id: 1,
  kind: 'application-crash',
  route: 'Orders Index API',
  request_id: '5b0e3c1e-8d4f-4a8e-9a43-0c6f1f2d9b7a',
  message: 'An unexpected error occurred.',
  count: 1,
  created_at: '2025-01-06T09:30:00.000Z',
  last_seen_at: '2025-01-06T09:30:00.000Z',
  acknowledged_at: null,
};

/** The production notifications tab (CONTRACT.md §7): staff read it and acknowledge what they have handled. */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('index')
  @RouteName(
    'Notifications Index API',
    'Staff: the production notifications tab, newest first; `acknowledged` filters. Identical failures within a minute are one notification with a `count`.',
  )
  @ApiSuccess(NotificationPage, { results: [NOTIFICATION_EXAMPLE], count: 1 }, 'One page of notifications, newest first, and how many match.')
  @Authenticated({ roles: ['employee'] })
  @NotificationsIndexParams
  async index(@Query() params: IndexNotificationsDto) {
    const query = indexQueryOf(params, NOTIFICATIONS_INDEX);
    const acknowledged = params.acknowledged === undefined ? [] : [params.acknowledged ? 'acknowledged' : 'unacknowledged'];
    const { notifications, count } = await this.notifications.findPage({ ...query, filters: [...new Set([...query.filters, ...acknowledged])] });
    return { results: notifications.map(toNotificationView), count };
  }

  @Post('acknowledge')
  @RouteName(
    'Notifications Acknowledge API',
    'Staff: marks a notification acknowledged (the first time counts; repeating changes nothing).',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: AcknowledgeNotificationDto, examples: { first: { summary: 'Notification 1 (invalid-param if the tab is empty, as on fresh demo data)', value: { id: 1 } } } })
  @ApiSuccess(NotificationData, { notification: { ...NOTIFICATION_EXAMPLE, acknowledged_at: '2025-01-06T10:00:00.000Z' } })
  @Authenticated({ roles: ['employee'] })
  @ApiStatuses('missing-param', 'invalid-param')
  async acknowledge(@Body() params: AcknowledgeNotificationDto) {
    return { notification: toNotificationView(await this.notifications.acknowledge(params.id)) };
  }
}
