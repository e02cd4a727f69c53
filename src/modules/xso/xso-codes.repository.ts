import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { preparedStatement, type PreparedStatement } from '../../database/prepared-statement.js';
import { Transactions } from '../../database/transactions.js';
import { XsoCodeEntity } from './entities/xso-code.entity.js';

/**
 * The sessions a code may still be redeemed for: neither revoked (logout, sessions/revoke, a
 * password change) nor marked expired. Part of the claim's own UPDATE, so there is no moment
 * between checking the session and claiming the code in which the session could end. The sessions
 * table is the sessions module's: it is named here, in SQL, and none of its records is read.
 */
const LIVE_SESSION_IDS = 'SELECT id FROM sessions WHERE revoked_at IS NULL AND expired_at IS NULL';

/**
 * capture_client's write, run once per hand-off: the code and the id of the application it opens a
 * session of, looked up by slug in the same statement (the applications table is named here in
 * SQL, as the foreign key names it). No row comes back when no application has that slug.
 */
const INSERT_CODE = `
  INSERT INTO xso_codes (code_hash, user_id, session_id, client_id, application_id, target, order_id, tour_id, created_at, expires_at)
  SELECT :codeHash, :userId, :sessionId, :clientId, a.id, :target, :orderId, :tourId, :createdAt, :expiresAt
    FROM applications a
   WHERE a.slug = :applicationSlug
  RETURNING id`;

/** A code as XsoService issues it: only its hash is stored; the application is named by its slug. */
export type NewXsoCode = Omit<XsoCodeEntity, 'id' | 'applicationId' | 'redeemedAt'> & { readonly applicationSlug: string };

/** XSO handoff codes. Queries go through the ambient transaction's manager when there is one. */
@Injectable()
export class XsoCodesRepository {
  private readonly insertCode: PreparedStatement<NewXsoCode>;

  constructor(
    private readonly transactions: Transactions,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.insertCode = preparedStatement(dataSource, 'plano_insert_xso_code', INSERT_CODE);
  }

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  /**
   * Stores a new code in one prepared statement, outside any transaction (it is one statement);
   * answers false when no application has the code's slug, and nothing was stored.
   */
  async recordCode(code: NewXsoCode): Promise<boolean> {
    return (await this.insertCode(code)).length === 1;
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
