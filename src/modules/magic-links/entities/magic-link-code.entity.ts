import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';

/**
 * The one-time code of a magic link (sessions/create_magic_link): 32 random bytes, of which only
 * the SHA-256 is stored, bound to the user and the application the sign-in is for, valid until
 * expires_at and redeemed once. Users and applications are other modules' records: their foreign
 * keys name the tables, with no relation (src/import-boundaries.spec.ts).
 */
@Entity('magic_link_codes')
@Index('uq_magic_link_codes_code_hash', ['codeHash'], { unique: true })
@Index('idx_magic_link_codes_user_id', ['userId'])
export class MagicLinkCodeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', { name: 'fk_magic_link_codes_user', onDelete: 'CASCADE' })
  userId: number;

  @Column({ name: 'application_id', type: 'integer' })
  @ForeignKey('applications', { name: 'fk_magic_link_codes_application', onDelete: 'CASCADE' })
  applicationId: number;

  /** Checked and normalised when the link was asked for; answered again by the redemption. */
  @Column({ name: 'redirect_url', type: 'varchar', length: 2048, nullable: true })
  redirectUrl: string | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** Set by the one redemption that succeeds (a single conditional UPDATE). */
  @TimestampColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;
}
