import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { ApplicationTokenEntity } from './entities/application-token.entity.js';
import { ApplicationEntity } from './entities/application.entity.js';

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

  withSlug(slug: string): Promise<ApplicationEntity | null> {
    return this.manager.findOneBy(ApplicationEntity, { slug });
  }

  /** Keeps a new token (its hash only). */
  async addToken(token: Omit<ApplicationTokenEntity, 'id' | 'application'>): Promise<void> {
    await this.manager.insert(ApplicationTokenEntity, token);
  }

  /** The unrevoked token with this hash, with its application, or null. */
  liveTokenWithHash(tokenHash: string): Promise<ApplicationTokenEntity | null> {
    return this.manager.findOne(ApplicationTokenEntity, { where: { tokenHash, revokedAt: IsNull() }, relations: { application: true } });
  }
}
