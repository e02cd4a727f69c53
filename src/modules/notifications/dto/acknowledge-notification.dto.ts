import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_INT } from '../../../common/validation/query-values.js';

export class AcknowledgeNotificationDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The notification to acknowledge.' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  id: number;
}
