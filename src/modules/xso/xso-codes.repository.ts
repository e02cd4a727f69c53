import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { XsoCodeEntity } from './entities/xso-code.entity.js';

/**
 * The sessions a code may still be redeemed for: neither revoked (logout, sessions/revoke, a
 * password change) nor marked expired. Part of the claim's own UPDATE, so there is no moment
 * between checking the session and claiming the code in which the session could end. The sessions
 * table is the sessions module's: it is named here, in SQL, and none of its records is read.
 */
const LIVE_SESSION_IDS = 'SELECT id FROM sessions WHERE revoked_at IS NULL AND expired_at IS NULL';

/** A code as XsoService issues it: only its hash is stored. */
export type NewXsoCode = Omit<XsoCodeEntity, 'id'>;

/** XSO handoff codes. Queries go through the ambient transaction's manager when there is one. */
@Injectable()
export class XsoCodesRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  async recordCode(code: NewXsoCode): Promise<void> {
    await this.manager.insert(XsoCodeEntity, code);
  }

  /**
   * Claims the code for the one redemption that may succeed: one conditional UPDATE (not redeemed,
   * not expired at `now`, its issuing session live), atomic on both engines, so of any number of
   * concurrent claims on any number of instances exactly one changes the row. Answers the claimed
   * code, or null when this claim lost or the code is not redeemable. Call it inside a transaction
   * when what follows may still undo the claim.
   */
  async claimCodeOnce(codeHash: string, now: Date): Promise<XsoCodeEntity | null> {
    const manager = this.manager;
    const claimed = await manager
      .createQueryBuilder()
      .update(XsoCodeEntity)
      .set({ redeemedAt: now })
      .where({ codeHash, redeemedAt: IsNull(), expiresAt: MoreThan(now) })
      .andWhere(`session_id IN (${LIVE_SESSION_IDS})`)
      .execute();
    if (claimed.affected !== 1) return null;
    return manager.findOneByOrFail(XsoCodeEntity, { codeHash });
  }
}
