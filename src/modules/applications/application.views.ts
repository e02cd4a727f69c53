import { ApiProperty } from '@nestjs/swagger';

/** An application that calls the platform, as the API shows it (a named schema, see @ApiSuccess). */
export class ApplicationView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'From the configuration; null for an application it does not know.' })
  base_url!: string | null;
}

/** An application token as `applications/tokens` shows it: its metadata, never the token or its hash. */
export class ApplicationTokenView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ description: 'The slug of the application the token authenticates.' }) application!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Refreshed at most once a minute; null if never used.' })
  last_used_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was revoked; null while it works.' })
  revoked_at!: string | null;
}
