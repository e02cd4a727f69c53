import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { QueryBoolean, QueryInt } from '../../../common/validation/query-values.js';
import { IsId } from '../../../common/validation/stored-values.js';

/** The params of GET xso/capture_client, described as the seed page describes them. */
export class CaptureClientDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'PlanoCore id of client that is being authenticated for.' })
  @QueryInt()
  @IsId()
  client_id: number;

  @ApiPropertyOptional({ type: 'boolean', description: 'To bypass to Step 1 of CaptuRE, pass true for this param (true/false/1/0).' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  step_1?: boolean;

  @ApiPropertyOptional({ type: 'integer', description: 'To XSO to order placed in CaptuRE, pass the order id in this param.' })
  @IsOptional()
  @QueryInt()
  @IsId()
  order_id?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'To bypass to Step 2 of CaptuRE, you can pass the PlanoCore id of the tour.' })
  @IsOptional()
  @QueryInt()
  @IsId()
  tour_id?: number;
}

export class RedeemCodeDto {
  @ApiProperty({ description: 'The one-time code from capture_client.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  code: string;
}
