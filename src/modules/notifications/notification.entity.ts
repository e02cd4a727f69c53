import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns.js';

/** A row of the production notifications tab (CONTRACT.md §7). Never holds a secret. */
@Entity('notifications')
@Index('idx_notifications_acknowledged_at', ['acknowledgedAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The status slug that raised it: application-crash, identify-request-error, mandrill-email-failed. */
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  /** The route's name when identified, else `METHOD /path`. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  route: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'text' })
  message: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  /** How many identical failures (kind, route, message) this row stands for (CONTRACT.md §12). */
  @Column({ type: 'integer', default: 1 })
  count: number;

  /** The latest of those failures; null while there was only one. */
  @TimestampColumn({ name: 'last_seen_at', nullable: true })
  lastSeenAt: Date | null;

  @TimestampColumn({ name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;
}
