import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { MagicLinkCodeEntity } from './entities/magic-link-code.entity.js';

export type NewMagicLinkCode = Omit<MagicLinkCodeEntity, 'id' | 'usedAt'>;

/** The magic_link_codes table, through the ambient transaction's manager when there is one. */
@Injectable()
export class MagicLinkCodesRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  async record(code: NewMagicLinkCode): Promise<void> {
    await this.manager.insert(MagicLinkCodeEntity, { ...code, usedAt: null });
  }

  /**
   * Marks the unused, unexpired code with this hash used, and answers it; null when it is unknown,
   * used or expired. One conditional UPDATE: of any number of concurrent redemptions, on any
   * number of instances, exactly one changes the row (PostgreSQL's row lock, SQLite's one writer).
   */
  async claimOnce(codeHash: string, now: Date): Promise<MagicLinkCodeEntity | null> {
    const claimed = await this.manager
      .createQueryBuilder()
      .update(MagicLinkCodeEntity)
      .set({ usedAt: now })
      .where({ codeHash, usedAt: IsNull(), expiresAt: MoreThan(now) })
      .execute();
    if (claimed.affected !== 1) return null;
    return this.manager.findOneByOrFail(MagicLinkCodeEntity, { codeHash });
  }
}
