import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsEmailList } from '../../../common/validation/email-list.js';
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

const CLEARS = 'An empty string clears it (null, like leaving it out, changes nothing).';

/**
 * `clients/update`: only the fields given change (null, like leaving a field out, changes
 * nothing). An optional text field is cleared with an empty string; names and flags cannot be
 * cleared. `active` and `employee_notes` are staff's alone.
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

  @ApiPropertyOptional({ type: 'string', maxLength: 100, description: CLEARS })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assistant_first_name?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 100, description: CLEARS })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assistant_last_name?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 40, description: CLEARS })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  assistant_phone?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 1000, example: 'assistant@acme.test, office@acme.test', description: `Comma-separated addresses, each checked; copied on the client’s order emails. ${CLEARS}` })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsEmailList()
  assistant_emails?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 1000, description: `Comma-separated addresses, each checked. ${CLEARS}` })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsEmailList()
  additional_emails?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 4000, description: `Staff only (a client sending it gets permission-denied): internal notes, never shown to the client. ${CLEARS}` })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  employee_notes?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 100, description: CLEARS })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  realtor_license?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 4000, description: CLEARS })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  bio?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 200, description: `Shown instead of the names while use_display_name holds. ${CLEARS}` })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  display_name?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsBoolean()
  use_display_name?: boolean;

  @ApiPropertyOptional({ type: 'string', maxLength: 255, description: `Shown instead of the email while use_display_email holds. ${CLEARS}` })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @ValidateIf((_params, value) => value !== '')
  @IsEmail()
  display_email?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsBoolean()
  use_display_email?: boolean;
}
