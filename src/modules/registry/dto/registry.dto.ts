import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Min } from 'class-validator';

export class ListRoutesDto {
  @ApiPropertyOptional({ description: 'Only the routes of this API service (slug).' })
  @IsOptional()
  @IsString()
  service?: string;
}

export class UpdateDeployedDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  id: number;

  @ApiProperty({ description: 'true deploys, false withdraws.' })
  @IsBoolean()
  deployed: boolean;
}
