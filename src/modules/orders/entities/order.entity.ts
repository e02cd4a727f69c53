import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';

/** A PlanoCore order of one client. */
@Entity('orders')
@Index('idx_orders_client_id', ['clientId'])
export class OrderEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /**
   * A client of the accounts module. The foreign key names its table, with no relation: a module
   * does not import another's entities (src/import-boundaries.spec.ts).
   */
  @Column({ name: 'client_id', type: 'integer' })
  @ForeignKey('clients', { name: 'fk_orders_client', onDelete: 'CASCADE' })
  clientId: number;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ name: 'created_by_user_id', type: 'integer', nullable: true })
  createdByUserId: number | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
