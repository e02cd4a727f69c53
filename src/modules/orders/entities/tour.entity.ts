import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import { ClientEntity } from '../../accounts/entities/client.entity.js';
import { OrderEntity } from './order.entity.js';

/** A PlanoCore tour of one client, possibly part of one of its orders. */
@Entity('tours')
@Index('idx_tours_client_id', ['clientId'])
export class TourEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'client_id', type: 'integer' })
  clientId: number;

  @ManyToOne(() => ClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'fk_tours_client' })
  client?: ClientEntity;

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
