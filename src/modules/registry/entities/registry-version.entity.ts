import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row whose `version` goes up with every change to routes or services, in the same
 * transaction as the change. Every instance polls it (one indexed read of one row) and reloads
 * its snapshot when it moves: that is how a change made on any instance reaches all of them.
 */
@Entity('registry_version')
export class RegistryVersionEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  version: number;
}
