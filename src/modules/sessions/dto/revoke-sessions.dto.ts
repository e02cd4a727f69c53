import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsId } from '../../../common/validation/stored-values.js';

export class RevokeSessionsDto {
  @ApiPropertyOptional({ type: 'integer', description: 'One of your sessions to revoke.' })
  @IsOptional()
  @IsId()
  id?: number;

  @ApiPropertyOptional({ description: 'true revokes every session of yours except this one.' })
  @IsOptional()
  @IsBoolean()
  all_others?: boolean;
}
