import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional } from 'class-validator';
import { NewAccountDto } from '../../users/dto/register-user.dto.js';
import { IsId } from '../../../common/validation/stored-values.js';

/** The most clients one request may link a liaison to. */
export const LIAISON_CLIENTS_MAX = 1000;

/** `employees/create` (admin only). */
export class CreateEmployeeDto extends NewAccountDto {
  @ApiPropertyOptional({ default: false, description: 'Whether the new employee is an admin.' })
  @IsOptional()
  @IsBoolean()
  admin?: boolean;
}

/** `liaisons/create`: the liaison's user and the clients it acts for (may be none yet). */
export class CreateLiaisonDto extends NewAccountDto {
  @ApiProperty({ type: 'integer', isArray: true, description: 'The clients the liaison acts for; may be empty.', maxItems: LIAISON_CLIENTS_MAX })
  @IsArray()
  @ArrayMaxSize(LIAISON_CLIENTS_MAX)
  @IsId({ each: true })
  client_ids: number[];
}

/** `liaisons/update`: the liaison's client links become exactly client_ids. */
export class UpdateLiaisonDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The liaison id.' })
  @IsId()
  id: number;

  @ApiProperty({ type: 'integer', isArray: true, description: 'The complete new set of linked clients; may be empty.', maxItems: LIAISON_CLIENTS_MAX })
  @IsArray()
  @ArrayMaxSize(LIAISON_CLIENTS_MAX)
  @IsId({ each: true })
  client_ids: number[];
}
