import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ description: 'On: your sessions stop expiring by time (they can still be revoked).' })
  @IsOptional()
  @IsBoolean()
  remember_me?: boolean;
}
