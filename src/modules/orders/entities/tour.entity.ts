import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import { OrderEntity } from './order.entity.js';

/** A PlanoCore tour of one client, possibly part of one of its orders. */
@Entity('tours')
@Index('idx_tours_client_id', ['clientId'])
export class TourEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** A client of the accounts module: a foreign key to its table, no relation (as on OrderEntity). */
  @Column({ name: 'client_id', type: 'integer' })
  @ForeignKey('clients', { name: 'fk_tours_client', onDelete: 'CASCADE' })
  clientId: number;

  @Column({ name: 'order_id', type: 'integer', nullable: true })
  orderId: number | null;

  @ManyToOne(() => OrderEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_tours_order' })
  order?: OrderEntity;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ name: 'created_by_user_id', type: 'integer', nullable: true })
  createdByUserId: number | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
