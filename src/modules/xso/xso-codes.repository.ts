import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { groupedPerTurn } from '../../database/group-commit.js';
import { preparedStatement } from '../../database/prepared-statement.js';
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

/**
 * The same write for a batch of codes on PostgreSQL, one row per array element: one statement,
 * one round trip and one commit for all the hand-offs of a turn of the event loop. A code whose
 * slug names no application is not inserted, and its hash is missing from what comes back.
 */
const INSERT_CODES = `
  INSERT INTO xso_codes (code_hash, user_id, session_id, client_id, application_id, target, order_id, tour_id, created_at, expires_at)
  SELECT c.code_hash, c.user_id, c.session_id, c.client_id, a.id, c.target, c.order_id, c.tour_id, c.created_at, c.expires_at
    FROM unnest(CAST(:codeHashes AS varchar[]), CAST(:userIds AS integer[]), CAST(:sessionIds AS integer[]), CAST(:clientIds AS integer[]),
                CAST(:targets AS varchar[]), CAST(:orderIds AS integer[]), CAST(:tourIds AS integer[]),
                CAST(:createdAts AS timestamptz[]), CAST(:expiresAts AS timestamptz[]), CAST(:applicationSlugs AS varchar[]))
         AS c(code_hash, user_id, session_id, client_id, target, order_id, tour_id, created_at, expires_at, application_slug)
    JOIN applications a ON a.slug = c.application_slug
  RETURNING code_hash`;

/** A code as XsoService issues it: only its hash is stored; the application is named by its slug. */
export type NewXsoCode = Omit<XsoCodeEntity, 'id' | 'applicationId' | 'redeemedAt'> & { readonly applicationSlug: string };

/** XSO handoff codes. Queries go through the ambient transaction's manager when there is one. */
@Injectable()
export class XsoCodesRepository {
  /** Stores one code, committed with the other codes of the same turn of the event loop. */
  private readonly insertCode: (code: NewXsoCode) => Promise<boolean>;

  constructor(
    private readonly transactions: Transactions,
    @InjectDataSource() dataSource: DataSource,
  ) {
    // Grouped per turn on both engines (the hand-off's write was most of its cost under load): on
    // SQLite one transaction of single-row statements, on PostgreSQL one statement of all rows.
    if (dataSource.options.type === 'postgres') {
      const insertCodes = preparedStatement<CodeColumns>(dataSource, 'plano_insert_xso_codes', INSERT_CODES);
      this.insertCode = groupedPerTurn(async (codes: NewXsoCode[]) => {
        const inserted = new Set((await insertCodes(columnsOf(codes))).map((row) => row.code_hash));
        return codes.map((code) => ({ ok: true, value: inserted.has(code.codeHash) }));
      });
    } else {
      const insertCode = preparedStatement<NewXsoCode>(dataSource, 'plano_insert_xso_code', INSERT_CODE, { groupCommit: true });
      this.insertCode = async (code) => (await insertCode(code)).length === 1;
    }
  }

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  /**
   * Stores a new code through a prepared statement, outside any transaction (its commit is shared
   * only with other codes' inserts); answers false when no application has the code's slug, and
   * nothing was stored.
   */
  recordCode(code: NewXsoCode): Promise<boolean> {
    return this.insertCode(code);
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

/** INSERT_CODES's params: one array per column, the codes in the same order in each. */
interface CodeColumns extends Record<string, unknown[]> {
  codeHashes: string[];
  userIds: number[];
  sessionIds: Array<number | null>;
  clientIds: number[];
  targets: string[];
  orderIds: Array<number | null>;
  tourIds: Array<number | null>;
  createdAts: Date[];
  expiresAts: Date[];
  applicationSlugs: string[];
}

function columnsOf(codes: readonly NewXsoCode[]): CodeColumns {
  return {
    codeHashes: codes.map((code) => code.codeHash),
    userIds: codes.map((code) => code.userId),
    sessionIds: codes.map((code) => code.sessionId),
    clientIds: codes.map((code) => code.clientId),
    targets: codes.map((code) => code.target),
    orderIds: codes.map((code) => code.orderId),
    tourIds: codes.map((code) => code.tourId),
    createdAts: codes.map((code) => code.createdAt),
    expiresAts: codes.map((code) => code.expiresAt),
    applicationSlugs: codes.map((code) => code.applicationSlug),
  };
}
