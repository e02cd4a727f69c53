import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { APPLICATION_SLUGS, type ApplicationSlug } from '../../../config/applications.config.js';

/** `sessions/create_magic_link`: who wants a link, and where the sign-in is for. */
export class CreateMagicLinkDto {
  @ApiProperty({ format: 'email' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: APPLICATION_SLUGS, description: 'The application the session will belong to.' })
  @IsIn(APPLICATION_SLUGS)
  application: ApplicationSlug;

  @ApiPropertyOptional({ maxLength: 2048, description: 'Answered by sessions/redeem_magic_link; must be on one of the platform applications.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  redirect_url?: string;
}

/** `sessions/redeem_magic_link`: the code from the link. */
export class RedeemMagicLinkDto {
  @ApiProperty({ description: 'The `code` of the magic link (base64url, 43 characters).', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  code: string;
}
