import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import { ApplicationEntity } from './application.entity.js';

/** A server-to-server credential of one application (e.g. CaptuRE redeeming XSO codes). Only its SHA-256 is stored. */
@Entity('application_tokens')
@Index('uq_application_tokens_token_hash', ['tokenHash'], { unique: true })
export class ApplicationTokenEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'application_id', type: 'integer' })
  applicationId: number;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_tokens_application' })
  application?: ApplicationEntity;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** The admin who created it. */
  @Column({ name: 'created_by_user_id', type: 'integer', nullable: true })
  createdByUserId: number | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  /** Refreshed at most once a minute per token (ApplicationsService), so a busy token does not write on every call. */
  @TimestampColumn({ name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
