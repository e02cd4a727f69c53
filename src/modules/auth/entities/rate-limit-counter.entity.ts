import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One brute-force counter (a fixed one-minute window), in the database so that every instance
 * counts against the same limit (CONTRACT.md §12). The key is a SHA-256 digest: the table holds no
 * address or email.
 */
@Entity('rate_limit_counters')
@Index('idx_rate_limit_counters_resets_at', ['resetsAt'])
export class RateLimitCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'integer' })
  hits: number;

  /** Milliseconds since the epoch when the window ends. */
  @Column({ name: 'resets_at', type: 'bigint' })
  resetsAt: string;
}
