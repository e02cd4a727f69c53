import { ApiProperty } from '@nestjs/swagger';

/** sessions/create_magic_link: the same answer for every email, so it tells nothing about accounts. */
export class MagicLinkRequested {
  @ApiProperty({ description: 'Always true: a link is sent if, and only if, the address has an account; the answer does not say which.' })
  sent_if_registered!: boolean;
}
