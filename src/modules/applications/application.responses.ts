import { ApiProperty } from '@nestjs/swagger';
import { ApplicationView } from './application.views.js';

// What the applications routes put in `data` on success: the document's named schemas
// (@ApiSuccess), and the types the handlers must return.

/** applications/index: every application. */
export class ApplicationList {
  @ApiProperty({ type: [ApplicationView] }) results!: ApplicationView[];
}

/** applications/create_token: the new server-to-server token, shown once, and its application. */
export class ApplicationTokenIssued {
  @ApiProperty({ description: 'The application token, shown once: only its hash is kept.' }) token!: string;
  @ApiProperty({ type: ApplicationView }) application!: ApplicationView;
}

export const APPLICATION_EXAMPLE: ApplicationView = { id: 4, slug: 'capture', name: 'CaptuRE', base_url: 'https://capture.plano.test' };
