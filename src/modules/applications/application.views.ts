import { ApiProperty } from '@nestjs/swagger';

/** An application that calls the platform, as the API shows it (a named schema, see @ApiSuccess). */
export class ApplicationView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'From the configuration; null for an application it does not know.' })
  base_url!: string | null;
}
