import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClientView } from '../accounts/account.views.js';

// What the /api/v1/clients routes (and users/client_register) put in `data` on success: the
// document's named schemas (@ApiSuccess), and the types the handlers must return.

/** clients/register: a session of the new client (token shown once), and the client. */
export class ClientRegistered {
  @ApiProperty({ description: 'The session token, shown once: send it as `Authorization: Bearer` or as the `token` param.' })
  token!: string;
  @ApiProperty({ type: ClientView }) client!: ClientView;
}

/** clients/read, clients/update and users/client_register: one client. */
export class ClientData {
  @ApiProperty({ type: ClientView }) client!: ClientView;
}

/** clients/index: one page of clients; `count` costs a second query, so it comes only when asked for. */
export class ClientPage {
  @ApiProperty({ type: [ClientView] }) results!: ClientView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching clients, across pages; only with count=true.' })
  count?: number;
}
