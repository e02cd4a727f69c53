import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import { UserEntity } from './user.entity.js';

/** PlanOmatic staff; `admin` may manage employees, applications and the registry. */
@Entity('employees')
@Index('uq_employees_user_id', ['userId'], { unique: true })
export class EmployeeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_employees_user' })
  user?: UserEntity;

  @Column({ type: 'boolean', default: false })
  admin: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
