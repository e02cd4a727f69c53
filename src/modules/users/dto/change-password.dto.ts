import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from './register-user.dto.js';

/** The decoded params of `users/change_password` (sent base64-encoded). */
export class ChangePasswordDto {
  @ApiPropertyOptional({ format: 'password', description: 'Required once the user has a password; a user without one (signed in by magic link) sets a first password without it.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  current_password?: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(1024)
  new_password: string;
}
