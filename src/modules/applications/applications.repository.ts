import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { ApplicationTokenEntity } from './entities/application-token.entity.js';
import { ApplicationEntity } from './entities/application.entity.js';

/** A token row read with its application (the foreign key cascades: a token always has one). */
export type TokenWithApplication = ApplicationTokenEntity & { application: ApplicationEntity };

/** Applications and their tokens. Queries go through the ambient transaction's manager when there is one. */
@Injectable()
export class ApplicationsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  /** Every application, by id. */
  all(): Promise<ApplicationEntity[]> {
    return this.manager.find(ApplicationEntity, { order: { id: 'ASC' } });
  }

  withId(id: number): Promise<ApplicationEntity | null> {
    return this.manager.findOneBy(ApplicationEntity, { id });
  }

  withSlug(slug: string): Promise<ApplicationEntity | null> {
    return this.manager.findOneBy(ApplicationEntity, { slug });
  }

  /** Keeps a new token (its hash only). */
  async addToken(token: Omit<ApplicationTokenEntity, 'id' | 'application'>): Promise<void> {
    await this.manager.insert(ApplicationTokenEntity, token);
  }

  /** Every token of every application, newest first, with its application. */
  allTokens(): Promise<TokenWithApplication[]> {
    return this.manager.find(ApplicationTokenEntity, { relations: { application: true }, order: { id: 'DESC' } }) as Promise<TokenWithApplication[]>;
  }

  tokenWithId(id: number): Promise<TokenWithApplication | null> {
    return this.manager.findOne(ApplicationTokenEntity, { where: { id }, relations: { application: true } }) as Promise<TokenWithApplication | null>;
  }

  /** Revokes the token unless it already is: a second revocation keeps the first one's time. */
  async revokeToken(id: number, at: Date): Promise<void> {
    await this.manager.update(ApplicationTokenEntity, { id, revokedAt: IsNull() }, { revokedAt: at });
  }

  async touchToken(id: number, at: Date): Promise<void> {
    await this.manager.update(ApplicationTokenEntity, { id }, { lastUsedAt: at });
  }

  /** The unrevoked token with this hash, with its application, or null. */
  liveTokenWithHash(tokenHash: string): Promise<ApplicationTokenEntity | null> {
    return this.manager.findOne(ApplicationTokenEntity, { where: { tokenHash, revokedAt: IsNull() }, relations: { application: true } });
  }
}
