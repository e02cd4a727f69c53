import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IssuedSession } from '../sessions/session.responses.js';
import { XSO_TARGET_KINDS, type XsoTargetKind } from './xso-target.js';

// What the xso routes put in `data` on success: the document's named schemas (@ApiSuccess), and
// the types the handlers must return.

/** xso/capture_client: where to send the browser, with the one-time code it carries. */
export class CaptureHandoff {
  @ApiProperty({ description: 'CaptuRE, with the code in its query.' }) redirect_url!: string;
  @ApiProperty({ description: 'The one-time code, for CaptuRE to redeem with xso/redeem.' }) code!: string;
  @ApiProperty({ format: 'date-time', description: 'When the code stops being redeemable.' }) expires_at!: string;
  @ApiProperty({ type: 'integer' }) client_id!: number;
  @ApiProperty({ enum: XSO_TARGET_KINDS, description: 'What CaptuRE opens.' }) target!: XsoTargetKind;
  @ApiPropertyOptional({ type: 'integer', description: 'Only for target order.' }) order_id?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Only for target tour.' }) tour_id?: number;
}

/** xso/redeem: a capture session of the user (token shown once), and the client and target of the code. */
export class CaptureSession extends IssuedSession {
  @ApiProperty({ type: 'integer' }) client_id!: number;
  @ApiProperty({ enum: XSO_TARGET_KINDS, description: 'What CaptuRE opens.' }) target!: XsoTargetKind;
  @ApiPropertyOptional({ type: 'integer', description: 'Only for target order.' }) order_id?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Only for target tour.' }) tour_id?: number;
}
