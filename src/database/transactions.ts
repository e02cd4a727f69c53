import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Database transactions that behave the same on both engines.
 *
 * SQLite (better-sqlite3) gives TypeORM one connection for the whole process. Two transactions
 * must therefore never overlap (the second BEGIN would fail), so they are queued here; and a
 * transaction must never stay open across network I/O, because every statement other requests
 * run meanwhile would become part of it — and be lost with it on rollback.
 */
@Injectable()
export class Transactions {
  private readonly isSqlite: boolean;
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type !== 'postgres';
  }

  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const result = this.sqliteQueue.then(() => this.dataSource.transaction(work));
    this.sqliteQueue = result.catch(() => undefined);
    return result;
  }

  /**
   * Writes, then a side effect that may fail (sending an email), as one unit: if the side effect
   * fails, the writes are gone and its error is thrown.
   *
   * PostgreSQL: one transaction around both, so nobody ever sees the writes of a unit that fails.
   * SQLite: the writes commit first, the side effect runs outside any transaction (see above), and
   * on failure `undo` removes the writes in a second transaction. In between, the writes are
   * visible for as long as the side effect takes.
   */
  async runWithSideEffect<T>(
    write: (manager: EntityManager) => Promise<T>,
    sideEffect: (written: T, manager: EntityManager) => Promise<void>,
    undo: (written: T, manager: EntityManager) => Promise<void>,
  ): Promise<T> {
    if (!this.isSqlite) {
      return this.run(async (manager) => {
        const written = await write(manager);
        await sideEffect(written, manager);
        return written;
      });
    }
    const written = await this.run(write);
    try {
      await sideEffect(written, this.dataSource.manager);
    } catch (error) {
      await this.run((manager) => undo(written, manager));
      throw error;
    }
    return written;
  }
}

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class TransactionsModule {}
