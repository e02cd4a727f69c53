import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';

/**
 * A person who can sign in. Roles are separate records (client, employee, liaison); a user with
 * none is in the "started registration" state. The email is stored lower-cased, so the unique
 * index makes it unique case-insensitively on both engines.
 */
@Entity('users')
@Index('uq_users_email', ['email'], { unique: true })
@Index('idx_users_pending_since', ['pendingSince'])
export class UserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** argon2id PHC string; null for users who sign in another way (Google, magic link). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  /** When on, the user's sessions do not expire by time (CONTRACT.md §4). */
  @Column({ name: 'remember_me', type: 'boolean', default: false })
  rememberMe: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;

  /**
   * Set while the registration that created the user waits for its welcome email (CONTRACT.md
   * §12): a pending user cannot sign in and its sessions are not usable. Null once active.
   */
  @TimestampColumn({ name: 'pending_since', nullable: true })
  pendingSince: Date | null;
}
