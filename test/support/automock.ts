import { jest } from '@jest/globals';

type Method = (...args: never[]) => unknown;
type Methods<T> = { [K in keyof T as T[K] extends Method ? K : never]: T[K] };

/** A collaborator of a unit under test: the methods given, as jest mocks; anything else throws. */
export type StrictMock<T> = T & { [K in keyof Methods<T>]: jest.Mock<Extract<T[K], Method>> };

/**
 * A strict automock for unit specs of services: every method the spec gives is a jest.fn with
 * that implementation; calling any other method throws, naming it. So a service that starts
 * depending on a collaborator the spec did not think about fails loudly instead of receiving
 * `undefined` — the spec states every interaction the rule relies on.
 */
export function strictMock<T extends object>(name: string, implementations: { [K in keyof Methods<T>]?: T[K] } = {}): StrictMock<T> {
  const mocks = new Map<PropertyKey, unknown>(
    Object.entries(implementations).map(([key, implementation]) => [key, jest.fn(implementation as Method)]),
  );
  return new Proxy({} as StrictMock<T>, {
    get(_target, key) {
      if (mocks.has(key)) return mocks.get(key);
      // Promise resolution and Jest's printing probe these: not calls the service made.
      if (key === 'then' || key === 'asymmetricMatch' || key === 'nodeType' || typeof key === 'symbol' || key === 'toJSON') return undefined;
      return () => {
        throw new Error(`${name}.${String(key)} was called, but the spec did not expect it`);
      };
    },
  });
}

/**
 * A stand-in for the database's transaction door (src/database/transactions.ts) in unit specs:
 * `run(work)` runs `work` and writes its bounds into `log` ('begin', then 'commit' or 'rollback'),
 * so a spec can say what happened inside the transaction and what after it.
 */
export function loggedTransactions<T extends { run<R>(work: () => Promise<R>): Promise<R> }>(log: string[]): StrictMock<T> {
  return strictMock<T>('transactions', {
    run: (async (work: () => Promise<unknown>) => {
      log.push('begin');
      try {
        const result = await work();
        log.push('commit');
        return result;
      } catch (error) {
        log.push('rollback');
        throw error;
      }
    }) as never,
  } as never);
}
