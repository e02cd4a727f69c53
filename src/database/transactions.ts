import { AsyncLocalStorage } from 'node:async_hooks';
import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Database transactions that behave the same on both engines, and the one door through which
 * repositories reach the database.
 *
 * SQLite (better-sqlite3) gives TypeORM one connection for the whole process. Two transactions
 * must therefore never overlap (the second BEGIN would fail), so they are queued here; and a
 * transaction must never stay open across network I/O, because every statement other requests
 * run meanwhile would become part of it — and be lost with it on rollback.
 *
 * On both engines, every query inside `work` goes through the transaction's own connection: on
 * PostgreSQL a query on another pool connection would wait for a connection while holding one,
 * and under load every connection ends up held by a transaction waiting for another (CONTRACT.md
 * §12). Reads that need no lock happen before the transaction starts.
 *
 * So that this holds without every service handing the transaction's manager down to every call,
 * the manager is ambient: `run` keeps it in an AsyncLocalStorage while `work` runs, and
 * repositories ask `manager()` for it at each query (the data source's default manager outside a
 * transaction). A repository that queries any other way escapes the transaction: don't.
 */
@Injectable()
export class Transactions {
  private readonly isSqlite: boolean;
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  /** The manager of the transaction the current async call chain runs in, if any. */
  private readonly current = new AsyncLocalStorage<EntityManager>();
  /** Transactions under way (on SQLite at most one, the queue's head). */
  private running = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type !== 'postgres';
  }

  /**
   * The manager to query through now: the ambient transaction's, else the data source's. Outside a
   * transaction (the token check on every request) this costs one getStore() call and nothing more.
   */
  manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction: all of it is committed, or none of it. Called inside a
   * transaction already, `work` joins it (no savepoint): its failure fails the outer one. Work
   * left running after `work` settles (a promise nobody awaited) must not query: its transaction
   * is over.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore() !== undefined) return work();
    const transaction = async () => {
      this.running += 1;
      try {
        return await this.dataSource.transaction((manager) => this.current.run(manager, work));
      } finally {
        this.running -= 1;
        // On Node 20 an AsyncLocalStorage, once entered, keeps a hook on every promise the process
        // makes, transactions or not (about 4 % of the token check's cost). Disabled while no
        // transaction runs, it costs nothing there; the next run() enables it again.
        if (this.running === 0) this.current.disable();
      }
    };
    if (!this.isSqlite) return transaction();
    const result = this.sqliteQueue.then(transaction);
    this.sqliteQueue = result.catch(() => undefined);
    return result;
  }
}

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class TransactionsModule {}
