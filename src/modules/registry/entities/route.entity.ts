import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import { ApiServiceEntity } from './api-service.entity.js';

/** One HTTP route of the app, as a record operators can deploy or withdraw at run time. */
@Entity('routes')
@Index('uq_routes_method_path', ['method', 'path'], { unique: true })
export class RouteEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'service_id', type: 'integer' })
  serviceId: number;

  @ManyToOne(() => ApiServiceEntity)
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'fk_routes_service' })
  service?: ApiServiceEntity;

  @Column({ name: 'sensitive_params', type: 'boolean' })
  sensitiveParams: boolean;

  /** Owned by operators once the record exists; discovery never changes it. */
  @Column({ type: 'boolean' })
  deployed: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
