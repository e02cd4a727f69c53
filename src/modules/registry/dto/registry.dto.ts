import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { IsId } from '../../../common/validation/stored-values.js';

export class ListRoutesDto {
  @ApiPropertyOptional({ description: 'Only the routes of this API service (slug).' })
  @IsOptional()
  @IsString()
  service?: string;
}

export class UpdateDeployedDto {
  @ApiProperty({ type: 'integer' })
  @IsId()
  id: number;

  @ApiProperty({ description: 'true deploys, false withdraws.' })
  @IsBoolean()
  deployed: boolean;
}
