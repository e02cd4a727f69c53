import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ValidationFailureStatus } from '../../../common/validation/validation.pipe.js';
import { APPLICATION_SLUGS, type ApplicationSlug } from '../../../config/applications.config.js';
import { PASSWORD_MIN_LENGTH } from '../../users/dto/register-user.dto.js';

export class ClientRegistrationFieldsDto {
  @ApiProperty({ format: 'email' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(1024)
  password: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  first_name: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  last_name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  company_id?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company_name?: string;
}

/** The decoded params of `clients/register`, shaped as the PlanoCore page (sent base64-encoded). */
@ValidationFailureStatus('client-validation-failed')
export class RegisterClientDto {
  @ApiProperty({ enum: APPLICATION_SLUGS, description: 'The application the new session is for.' })
  @IsIn(APPLICATION_SLUGS)
  application: ApplicationSlug;

  @ApiPropertyOptional({ description: 'The enterprise the client belongs to, if any.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  enterprise?: string;

  @ApiProperty({ type: ClientRegistrationFieldsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ClientRegistrationFieldsDto)
  client: ClientRegistrationFieldsDto;
}

/** `users/client_register`: the caller's own user becomes a client; names default to the user's. */
export class ClientRegisterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  first_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  last_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  company_id?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company_name?: string;
}
