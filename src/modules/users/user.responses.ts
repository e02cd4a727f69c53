import { ApiProperty } from '@nestjs/swagger';
import { UserView } from '../accounts/account.views.js';

// What the users routes put in `data` on success (named schemas, see @ApiSuccess).

export class UserData {
  @ApiProperty({ type: UserView }) user!: UserView;
}

export class PasswordChanged {
  @ApiProperty({ type: 'integer', description: "How many of the user's other sessions were revoked." })
  revoked_sessions!: number;
}
