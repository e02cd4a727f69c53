import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../../common/validation/stored-values.js';

export class RevokeApplicationTokenDto {
  @ApiProperty({ type: 'integer', description: 'The token to revoke (its id in applications/tokens).' })
  @IsId()
  id: number;
}
