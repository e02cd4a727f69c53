import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { APPLICATION_SLUGS, type ApplicationSlug } from '../../../config/applications.config.js';

export class CreateApplicationTokenDto {
  @ApiProperty({ enum: APPLICATION_SLUGS, description: 'The application the token will authenticate.' })
  @IsIn(APPLICATION_SLUGS)
  application: ApplicationSlug;
}
