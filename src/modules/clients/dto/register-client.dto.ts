import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ValidationFailureStatus } from '../../../common/validation/validation.pipe.js';
import { APPLICATION_SLUGS, type ApplicationSlug } from '../../../config/applications.config.js';
import { RegisterUserDto } from '../../users/dto/register-user.dto.js';
import { IsId } from '../../../common/validation/stored-values.js';
import { NestedParams } from '../../../common/validation/param-shapes.js';

/** A client's company, as both registration routes take it. */
export class ClientCompanyDto {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsId()
  company_id?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company_name?: string;
}

/** The `client` object of `clients/register`: a new account plus the client's company. */
export class ClientRegistrationFieldsDto extends IntersectionType(RegisterUserDto, ClientCompanyDto) {}

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
  @NestedParams(() => ClientRegistrationFieldsDto)
  client: ClientRegistrationFieldsDto;
}

/** `users/client_register`: the caller's own user becomes a client; names default to the user's. */
export class ClientRegisterDto extends ClientCompanyDto {
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
}

