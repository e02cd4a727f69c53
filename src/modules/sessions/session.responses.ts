import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RolesView, UserView } from '../accounts/account.views.js';
import { SessionView } from './session.views.js';

// What the sessions routes put in `data` on success: the document's named schemas (@ApiSuccess),
// and the types the handlers must return.

/** sessions/create and users/register: a new session's token, shown once, and its user. */
export class IssuedSession {
  @ApiProperty({ description: 'The session token, shown once: send it as `Authorization: Bearer` or as the `token` param.' })
  token!: string;
  @ApiProperty({ type: UserView }) user!: UserView;
}

export class SignedIn extends IssuedSession {
  @ApiPropertyOptional({ description: 'The redirect_url that was passed, checked against the applications\' hosts.' })
  redirect_url?: string;
}

export class CurrentSessionData {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty({ type: RolesView }) roles!: RolesView;
}

export class SessionsRevoked {
  @ApiProperty({ type: 'integer', description: 'How many sessions were revoked.' }) revoked!: number;
}

export class SessionList {
  @ApiProperty({ type: [SessionView] }) results!: SessionView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching sessions; only with count=true.' }) count?: number;
}

export const SESSION_EXAMPLE: SessionView = {
  id: 12,
  application: 'planoorder',
  user_id: 3,
  remember_me: false,
  created_at: '2025-01-06T09:30:00.000Z',
  last_used_at: '2025-01-06T09:30:00.000Z',
  expires_at: '2025-01-09T09:30:00.000Z',
};
