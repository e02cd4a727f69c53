import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';

/** One API service: a feature module's set of routes, deployable or withdrawable as a whole. */
@Entity('api_services')
@Index('uq_api_services_slug', ['slug'], { unique: true })
export class ApiServiceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 60 })
  slug: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Owned by operators once the record exists; discovery never changes it. */
  @Column({ type: 'boolean' })
  deployed: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
