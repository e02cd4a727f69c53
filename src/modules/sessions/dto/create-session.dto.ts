import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { APPLICATION_SLUGS, type ApplicationSlug } from '../../../config/applications.config.js';

/** The decoded params of `sessions/create` (sent base64-encoded: they carry a password). */
export class CreateSessionDto {
  @ApiProperty({ format: 'email', example: 'client@plano.test' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @ApiProperty({ enum: APPLICATION_SLUGS, description: 'The application the session is for.' })
  @IsIn(APPLICATION_SLUGS)
  application: ApplicationSlug;

  @ApiPropertyOptional({ description: "true saves the user's remember_me preference: their sessions then last indefinitely." })
  @IsOptional()
  @IsBoolean()
  remember_me?: boolean;

  @ApiPropertyOptional({ description: "Where the app should send the user next; must be on one of the platform's applications." })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2048)
  redirect_url?: string;
}
