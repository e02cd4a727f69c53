import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';

export class RevokeSessionsDto {
  @ApiPropertyOptional({ type: 'integer', description: 'One of your sessions to revoke.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  id?: number;

  @ApiPropertyOptional({ description: 'true revokes every session of yours except this one.' })
  @IsOptional()
  @IsBoolean()
  all_others?: boolean;
}
