import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type EntityManager, type Repository } from 'typeorm';
import { SessionEntity } from './entities/session.entity.js';

export interface NewSession {
  readonly userId: number;
  readonly applicationId: number;
  readonly tokenHash: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly now: Date;
}

/** Session rows, through methods named for what the service means by them. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>) {}

  /** The session a token hash names, with its user and application (revoked or expired ones too: the caller decides). */
  findByTokenHash(tokenHash: string): Promise<SessionEntity | null> {
    return this.sessions.findOne({ where: { tokenHash }, relations: { user: true, application: true } });
  }

  async create(session: NewSession, manager?: EntityManager): Promise<SessionEntity> {
    const repository = manager ? manager.getRepository(SessionEntity) : this.sessions;
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
    );
  }

  /** Neither revoked nor marked expired, newest first (time limits are applied by the service). */
  findOpenForUser(userId: number): Promise<SessionEntity[]> {
    return this.sessions.find({
      where: { userId, revokedAt: IsNull(), expiredAt: IsNull() },
      relations: { application: true },
      order: { id: 'DESC' },
    });
  }

  /**
   * Writes last_used_at only if nobody else has since: concurrent requests of one session then
   * write once, not once each.
   */
  async touch(session: SessionEntity, now: Date): Promise<void> {
    await this.sessions.update({ id: session.id, lastUsedAt: session.lastUsedAt }, { lastUsedAt: now });
  }

  async markExpired(sessionId: number, now: Date): Promise<void> {
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
