import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';

/**
 * One signed-in session of one user in one application. The token itself is never stored, only its SHA-256.
 * The user and the application are other modules' records: their foreign keys name their tables,
 * with no relation, since a module does not import another's entities (src/import-boundaries.spec.ts).
 */
@Entity('sessions')
@Index('uq_sessions_token_hash', ['tokenHash'], { unique: true })
@Index('idx_sessions_user_id', ['userId'])
export class SessionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', { name: 'fk_sessions_user', onDelete: 'CASCADE' })
  userId: number;

  @Column({ name: 'application_id', type: 'integer' })
  @ForeignKey('applications', { name: 'fk_sessions_application' })
  applicationId: number;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'last_used_at' })
  lastUsedAt: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  /** Set by logout, sessions/revoke or a password change: the token is then unknown (`invalid-token`). */
  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  /** Set when a use finds the session past its time limits, so it stays `session-expired` for good. */
  @TimestampColumn({ name: 'expired_at', nullable: true })
  expiredAt: Date | null;
}
