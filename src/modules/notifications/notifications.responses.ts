import { ApiProperty } from '@nestjs/swagger';
import { NotificationView } from './notification.views.js';

// What the notifications routes put in `data` on success (named schemas, see @ApiSuccess).

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) results!: NotificationView[];
  @ApiProperty({ type: 'integer', description: 'How many notifications match, over all pages.' }) count!: number;
}

export class NotificationData {
  @ApiProperty({ type: NotificationView }) notification!: NotificationView;
}
