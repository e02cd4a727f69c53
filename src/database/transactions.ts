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
 *
 * On both engines, every query inside `work` goes through its `manager`: on PostgreSQL a query on
 * another pool connection would wait for a connection while holding one, and under load every
 * connection ends up held by a transaction waiting for another (CONTRACT.md §12). Reads that need
 * no lock happen before the transaction starts.
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
}

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class TransactionsModule {}
