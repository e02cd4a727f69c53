import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApplicationTokenView, ApplicationView } from './application.views.js';

// What the applications routes put in `data` on success: the document's named schemas
// (@ApiSuccess), and the types the handlers must return.

/** applications/index: every application. */
export class ApplicationList {
  @ApiProperty({ type: [ApplicationView] }) results!: ApplicationView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching applications; only with count=true.' }) count?: number;
}

/** applications/create_token: the new server-to-server token, shown once, and its application. */
export class ApplicationTokenIssued {
  @ApiProperty({ description: 'The application token, shown once: only its hash is kept.' }) token!: string;
  @ApiProperty({ type: ApplicationView }) application!: ApplicationView;
}

/** applications/tokens: every application token, newest first. */
export class ApplicationTokenList {
  @ApiProperty({ type: [ApplicationTokenView] }) results!: ApplicationTokenView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching tokens; only with count=true.' }) count?: number;
}

/** applications/revoke_token: the token, now revoked. */
export class ApplicationTokenRevoked {
  @ApiProperty({ type: ApplicationTokenView }) token!: ApplicationTokenView;
}

export const APPLICATION_TOKEN_EXAMPLE: ApplicationTokenView = {
  id: 3,
  application: 'capture',
  created_at: '2026-11-02T09:30:00.000Z',
  last_used_at: '2026-11-28T16:05:12.000Z',
  revoked_at: null,
};

export const APPLICATION_EXAMPLE: ApplicationView = { id: 4, slug: 'capture', name: 'CaptuRE', base_url: 'https://capture.plano.test' };
