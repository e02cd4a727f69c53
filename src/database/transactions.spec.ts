import type { DataSource, EntityManager } from 'typeorm';
import { Transactions } from './transactions.js';

/** A data source whose transactions hand out a fresh stand-in manager each, and log BEGIN/COMMIT/ROLLBACK. */
function fakeDataSource(type: 'better-sqlite3' | 'postgres') {
  const log: string[] = [];
  const defaultManager = { name: 'default' } as unknown as EntityManager;
  let opened = 0;
  const dataSource = {
    options: { type },
    manager: defaultManager,
    async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
      const name = `tx${++opened}`;
      log.push(`BEGIN ${name}`);
      try {
        const result = await work({ name } as unknown as EntityManager);
        log.push(`COMMIT ${name}`);
        return result;
      } catch (error) {
        log.push(`ROLLBACK ${name}`);
        throw error;
      }
    },
  };
  return { transactions: new Transactions(dataSource as unknown as DataSource), defaultManager, log };
}

const nameOf = (manager: EntityManager) => (manager as unknown as { name: string }).name;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Transactions', () => {
  it('answers the default manager outside a transaction, and the transaction’s inside one, across awaits', async () => {
    const { transactions, defaultManager } = fakeDataSource('postgres');
    expect(transactions.manager()).toBe(defaultManager);
    const seen = await transactions.run(async () => {
      const first = nameOf(transactions.manager());
      await tick();
      return [first, nameOf(transactions.manager())];
    });
    expect(seen).toEqual(['tx1', 'tx1']);
    expect(transactions.manager()).toBe(defaultManager);
  });

  it('keeps concurrent transactions apart: each call chain sees its own manager', async () => {
    const { transactions } = fakeDataSource('postgres');
    const names = await Promise.all(
      [0, 1, 2].map(() =>
        transactions.run(async () => {
          await tick();
          return nameOf(transactions.manager());
        }),
      ),
    );
    expect(new Set(names).size).toBe(3);
  });

  it('runs a nested run inside the outer transaction instead of opening another', async () => {
    const { transactions, log } = fakeDataSource('better-sqlite3');
    // On SQLite a second transaction would wait for the first in the queue: nesting would hang.
    const inner = await transactions.run(() => transactions.run(async () => nameOf(transactions.manager())));
    expect(inner).toBe('tx1');
    expect(log).toEqual(['BEGIN tx1', 'COMMIT tx1']);
  });

  it('rolls the whole transaction back when nested work fails', async () => {
    const { transactions, log } = fakeDataSource('postgres');
    const failing = transactions.run(async () => {
      await transactions.run(async () => {
        throw new Error('inner failed');
      });
    });
    await expect(failing).rejects.toThrow('inner failed');
    expect(log).toEqual(['BEGIN tx1', 'ROLLBACK tx1']);
  });

  it('queues SQLite transactions one after the other, a failed one included', async () => {
    const { transactions, log } = fakeDataSource('better-sqlite3');
    const slow = transactions.run(async () => {
      await tick();
      await tick();
      throw new Error('first failed');
    });
    const second = transactions.run(async () => nameOf(transactions.manager()));
    await expect(slow).rejects.toThrow('first failed');
    await expect(second).resolves.toBe('tx2');
    expect(log).toEqual(['BEGIN tx1', 'ROLLBACK tx1', 'BEGIN tx2', 'COMMIT tx2']);
  });
});
