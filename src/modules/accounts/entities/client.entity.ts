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

  // The Clients Update page's fields (PlanOx edits them). Email lists are comma-separated.

  @Column({ name: 'assistant_first_name', type: 'varchar', length: 100, nullable: true })
  assistantFirstName: string | null;

  @Column({ name: 'assistant_last_name', type: 'varchar', length: 100, nullable: true })
  assistantLastName: string | null;

  @Column({ name: 'assistant_phone', type: 'varchar', length: 40, nullable: true })
  assistantPhone: string | null;

  /** Copied on the client's order emails. */
  @Column({ name: 'assistant_emails', type: 'varchar', length: 1000, nullable: true })
  assistantEmails: string | null;

  @Column({ name: 'additional_emails', type: 'varchar', length: 1000, nullable: true })
  additionalEmails: string | null;

  /** Internal: staff read and write it, the client never sees it. */
  @Column({ name: 'employee_notes', type: 'varchar', length: 4000, nullable: true })
  employeeNotes: string | null;

  @Column({ name: 'realtor_license', type: 'varchar', length: 100, nullable: true })
  realtorLicense: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  bio: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  @Column({ name: 'use_display_name', type: 'boolean', default: false })
  useDisplayName: boolean;

  @Column({ name: 'display_email', type: 'varchar', length: 255, nullable: true })
  displayEmail: string | null;

  @Column({ name: 'use_display_email', type: 'boolean', default: false })
  useDisplayEmail: boolean;

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
