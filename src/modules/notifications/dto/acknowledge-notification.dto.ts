import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../../common/validation/stored-values.js';

export class AcknowledgeNotificationDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The notification to acknowledge.' })
  @IsId()
  id: number;
}
