import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { QueryInt } from '../../../common/validation/query-values.js';
import { IsId } from '../../../common/validation/stored-values.js';

/** `clients/read`: one client by id (from the query string). */
export class ReadClientDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  @QueryInt()
  @IsId()
  id: number;
}

const given = (_params: object, value: unknown) => value !== undefined;

/**
 * `clients/update`: only the fields given change. The nullable ones (phone, company_id,
 * company_name, enterprise) may be given as null to clear them; names and `active` may not.
 */
export class UpdateClientDto {
  @ApiProperty({ type: 'integer', minimum: 1 })
  @IsId()
  id: number;

  @ApiPropertyOptional({ maxLength: 100 })
  @ValidateIf(given)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  first_name?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @ValidateIf(given)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  last_name?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 40, description: 'An empty string clears it (null, like leaving it out, changes nothing).' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: 'Staff only: a client sending it gets permission-denied.' })
  @ValidateIf(given)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @IsId()
  company_id?: number;

  @ApiPropertyOptional({ type: 'string', maxLength: 200, description: 'An empty string clears it (null, like leaving it out, changes nothing).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company_name?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 100, description: 'An empty string clears it (null, like leaving it out, changes nothing).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  enterprise?: string;
}
