import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns.js';
import { ClientEntity } from './client.entity.js';
import { UserEntity } from './user.entity.js';

/** Acts for a set of clients (linked many-to-many through liaison_clients). */
@Entity('liaisons')
@Index('uq_liaisons_user_id', ['userId'], { unique: true })
export class LiaisonEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_liaisons_user' })
  user?: UserEntity;

  @ManyToMany(() => ClientEntity)
  @JoinTable({
    name: 'liaison_clients',
    joinColumn: { name: 'liaison_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_liaison_clients_liaison' },
    inverseJoinColumn: { name: 'client_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_liaison_clients_client' },
  })
  clients?: ClientEntity[];

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
