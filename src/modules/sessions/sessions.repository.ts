import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, Not, type DataSource, type Repository } from 'typeorm';
import { preparedStatement, type PreparedStatement } from '../../database/prepared-statement.js';
import { rawBoolean, rawDate, rawNullableDate, rawNullableInt } from '../../database/raw-values.js';
import { Transactions } from '../../database/transactions.js';
import type { UserReadModel } from '../accounts/account.read-models.js';
import type { ApplicationReadModel } from '../applications/application.read-models.js';
import type { Roles } from '../auth/roles.js';
import { SessionEntity } from './entities/session.entity.js';
import { TokenCache } from './token-cache.js';

/** A session row as the token check reads it: plain data, no entity built on every request. */
export type SessionRecord = Pick<
  SessionEntity,
  'id' | 'userId' | 'applicationId' | 'tokenHash' | 'createdAt' | 'lastUsedAt' | 'ip' | 'userAgent' | 'revokedAt' | 'expiredAt'
>;

/** Everything a token check needs, read in one query. */
export interface SessionWithOwner {
  readonly session: SessionRecord;
  /** The user (the password hash is never read on this path). */
  readonly user: UserReadModel;
  readonly application: ApplicationReadModel;
  readonly roles: Roles;
}

/** An open session and the slug of its application (what sessions/index shows). */
export interface OpenSession {
  readonly session: SessionEntity;
  readonly applicationSlug: string;
}

/*
 * The token check runs on nearly every request, so it is one hand-written query instead of an
 * entity load plus a roles query: it reads the session, its user, application and role records
 * at once and skips TypeORM's query building and hydration (about half the CPU of the guard).
 * It is the one place this module reads the accounts tables directly, and what it returns of them
 * is plain data (the owning modules' read models), never their entities.
 */
const FIND_BY_TOKEN_HASH = `
  SELECT s.id, s.user_id, s.application_id, s.created_at, s.last_used_at, s.ip, s.user_agent,
         s.revoked_at, s.expired_at,
         u.email, u.first_name, u.last_name, u.phone, u.remember_me,
         u.created_at AS user_created_at, u.pending_since AS user_pending_since,
         a.slug AS application_slug, a.name AS application_name,
         c.id AS client_id, c.active AS client_active, e.id AS employee_id, e.admin AS admin, l.id AS liaison_id
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN applications a ON a.id = s.application_id
    LEFT JOIN clients c ON c.user_id = u.id AND c.pending_since IS NULL
    LEFT JOIN employees e ON e.user_id = u.id
    LEFT JOIN liaisons l ON l.user_id = u.id
   WHERE s.token_hash = :tokenHash`;

export interface NewSession {
  readonly userId: number;
  readonly applicationId: number;
  readonly tokenHash: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly now: Date;
}

/** A session the token check may keep in memory: neither revoked nor marked expired, its user not pending. */
function isLive(found: SessionWithOwner): boolean {
  return found.session.revokedAt === null && found.session.expiredAt === null && found.user.pendingSince === null;
}

/**
 * Session rows, through methods named for what the service means by them. Every query goes through
 * the ambient transaction's manager when there is one (Transactions.manager()).
 */
@Injectable()
export class SessionsRepository {
  /** The token check: one statement prepared on the driver, run by every authenticated request. */
  private readonly findByTokenHashStatement: PreparedStatement<{ tokenHash: string }>;

  constructor(
    private readonly transactions: Transactions,
    private readonly tokenCache: TokenCache<SessionWithOwner>,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.findByTokenHashStatement = preparedStatement(dataSource, 'plano_find_session_by_token_hash', FIND_BY_TOKEN_HASH);
  }

  private get sessions(): Repository<SessionEntity> {
    return this.transactions.manager().getRepository(SessionEntity);
  }

  /**
   * The session a token hash names, with its owner (revoked or expired ones too: the caller
   * decides). A live one may come from the TokenCache; its objects are shared by the requests
   * served from it, so only lastUsedAt may be changed (by the touch, which writes it too). A miss
   * while the same token is being read waits for that read (TokenCache.readUnderWay).
   */
  findByTokenHash(tokenHash: string): Promise<SessionWithOwner | null> {
    const cached = this.tokenCache.get(tokenHash);
    if (cached !== undefined) return Promise.resolve(cached);
    const underWay = this.tokenCache.readUnderWay(tokenHash);
    if (underWay !== undefined) return underWay;
    const ticket = this.tokenCache.ticket();
    const answer = this.readByTokenHash(tokenHash).then((found) => {
      if (found !== null && isLive(found)) this.tokenCache.keep(tokenHash, found, ticket);
      return found;
    });
    this.tokenCache.shareRead(tokenHash, answer, ticket);
    return answer;
  }

  private async readByTokenHash(tokenHash: string): Promise<SessionWithOwner | null> {
    const rows = await this.findByTokenHashStatement({ tokenHash });
    const row = rows[0];
    if (!row) return null;
    const session: SessionRecord = {
      id: Number(row.id),
      userId: Number(row.user_id),
      applicationId: Number(row.application_id),
      tokenHash,
      createdAt: rawDate(row.created_at),
      lastUsedAt: rawDate(row.last_used_at),
      ip: (row.ip as string | null) ?? null,
      userAgent: (row.user_agent as string | null) ?? null,
      revokedAt: rawNullableDate(row.revoked_at),
      expiredAt: rawNullableDate(row.expired_at),
    };
    const user: UserReadModel = {
      id: session.userId,
      email: row.email as string,
      firstName: row.first_name as string,
      lastName: row.last_name as string,
      phone: (row.phone as string | null) ?? null,
      rememberMe: rawBoolean(row.remember_me),
      createdAt: rawDate(row.user_created_at),
      pendingSince: rawNullableDate(row.user_pending_since),
    };
    const application: ApplicationReadModel = { id: session.applicationId, slug: row.application_slug as string, name: row.application_name as string };
    const roles: Roles = {
      clientId: rawNullableInt(row.client_id),
      employeeId: rawNullableInt(row.employee_id),
      admin: rawBoolean(row.admin),
      liaisonId: rawNullableInt(row.liaison_id),
      clientInactive: row.client_id !== null && !rawBoolean(row.client_active),
    };
    return { session, user, application, roles };
  }

  /**
   * One INSERT … RETURNING. Without `transaction: false` TypeORM's save wraps even a single insert
   * in BEGIN and COMMIT of its own: three round trips per sign-in on PostgreSQL instead of one.
   * Inside an ambient transaction the insert is part of it either way.
   */
  async create(session: NewSession): Promise<SessionEntity> {
    const repository = this.sessions;
    return repository.save(
      repository.create({
        userId: session.userId,
        applicationId: session.applicationId,
        tokenHash: session.tokenHash,
        createdAt: session.now,
        lastUsedAt: session.now,
        ip: session.ip,
        userAgent: session.userAgent,
        revokedAt: null,
        expiredAt: null,
      }),
      { transaction: false },
    );
  }

  /**
   * Neither revoked nor marked expired, newest first, each with its application's slug (time limits
   * are applied by the service). The application is the applications module's record, not a
   * relation of the session, so its table is joined by name, in the same query.
   */
  async findOpenForUser(userId: number): Promise<OpenSession[]> {
    const { entities, raw } = await this.sessions
      .createQueryBuilder('s')
      .innerJoin('applications', 'a', 'a.id = s.application_id')
      .addSelect('a.slug', 'application_slug')
      .where({ userId, revokedAt: IsNull(), expiredAt: IsNull() })
      .orderBy('s.id', 'DESC')
      .getRawAndEntities<{ application_slug: string }>();
    // One row per session (the join is on the application's primary key): rows and entities line up.
    return entities.map((session, index) => ({ session, applicationSlug: raw[index].application_slug }));
  }

  /** The session, revoked or expired ones too. */
  findById(sessionId: number): Promise<SessionEntity | null> {
    return this.sessions.findOneBy({ id: sessionId });
  }

  /**
   * Writes last_used_at only if nobody else has since: concurrent requests of one session then
   * write once, not once each.
   */
  async touch(session: Pick<SessionRecord, 'id' | 'lastUsedAt'>, now: Date): Promise<void> {
    await this.sessions.update({ id: session.id, lastUsedAt: session.lastUsedAt }, { lastUsedAt: now });
  }

  async markExpired(sessionId: number, now: Date): Promise<void> {
    this.tokenCache.forgetSession(sessionId);
    await this.sessions.update({ id: sessionId, expiredAt: IsNull() }, { expiredAt: now });
  }

  async markExpiredMany(sessionIds: number[], now: Date): Promise<void> {
    for (const id of sessionIds) await this.markExpired(id, now);
  }

  /** Revokes one open session of the user; answers how many it revoked (0 or 1). */
  async revokeOne(userId: number, sessionId: number, now: Date): Promise<number> {
    const result = await this.sessions.update({ id: sessionId, userId, revokedAt: IsNull() }, { revokedAt: now });
    return result.affected ?? 0;
  }

  /** Revokes every open session of the user except one; answers how many. */
  async revokeAllForUserExcept(userId: number, keepSessionId: number, now: Date): Promise<number> {
    const result = await this.sessions.update(
      { userId, id: Not(keepSessionId), revokedAt: IsNull() },
      { revokedAt: now },
    );
    return result.affected ?? 0;
  }

  exists(sessionId: number, userId: number): Promise<boolean> {
    return this.sessions.existsBy({ id: sessionId, userId });
  }
}
