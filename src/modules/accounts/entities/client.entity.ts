import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import { UserEntity } from './user.entity.js';

/** A PlanoCore client; its id is the client_id used across the platform. */
@Entity('clients')
@Index('uq_clients_user_id', ['userId'], { unique: true })
@Index('idx_clients_pending_since', ['pendingSince'])
export class ClientEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_clients_user' })
  user?: UserEntity;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ name: 'company_id', type: 'integer', nullable: true })
  companyId: number | null;

  @Column({ name: 'company_name', type: 'varchar', length: 200, nullable: true })
  companyName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  enterprise: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;

  /**
   * Set while users/client_register waits for the welcome email (CONTRACT.md §12): a pending
   * client record is no role yet. Null once active.
   */
  @TimestampColumn({ name: 'pending_since', nullable: true })
  pendingSince: Date | null;
}
