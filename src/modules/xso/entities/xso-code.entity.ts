import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import type { XsoTargetKind } from '../xso-target.js';

/**
 * A one-time XSO handoff code into CaptuRE (CONTRACT.md §9). Only its SHA-256 is stored; it is
 * bound to the user, the client, the target, the `capture` application and the session that
 * issued it (CONTRACT.md §12), and redeemed once. The user and the session are other modules'
 * records: their foreign keys name their tables, with no relation, since a module does not import
 * another's entities (src/import-boundaries.spec.ts).
 */
@Entity('xso_codes')
@Index('uq_xso_codes_code_hash', ['codeHash'], { unique: true })
@Index('idx_xso_codes_session_id', ['sessionId'])
export class XsoCodeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', { name: 'fk_xso_codes_user', onDelete: 'CASCADE' })
  userId: number;

  /** The issuing session: the code redeems only while it is live. Null only for codes older than this rule. */
  @Column({ name: 'session_id', type: 'integer', nullable: true })
  @ForeignKey('sessions', { name: 'fk_xso_codes_session', onDelete: 'CASCADE' })
  sessionId: number | null;

  @Column({ name: 'client_id', type: 'integer' })
  clientId: number;

  @Column({ name: 'application_id', type: 'integer' })
  applicationId: number;

  /** home, step_1, order or tour. */
  @Column({ type: 'varchar', length: 10 })
  target: XsoTargetKind;

  @Column({ name: 'order_id', type: 'integer', nullable: true })
  orderId: number | null;

  @Column({ name: 'tour_id', type: 'integer', nullable: true })
  tourId: number | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** Set by the one redemption that succeeds (a single conditional UPDATE). */
  @TimestampColumn({ name: 'redeemed_at', nullable: true })
  redeemedAt: Date | null;
}
