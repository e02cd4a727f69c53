import { DataSource } from 'typeorm';
import { RateLimitCounters } from '../src/modules/auth/rate-limit-counters.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { wrap, type Method } from './support/wrap-method.js';

const WINDOW_MS = 60_000;

/*
 * The brute-force counters' store on the engine under test: an attempt hits all its counters in
 * one statement, and the prune of ended windows runs beside attempts on the same rows (every
 * instance prunes now and then, whatever the others are doing).
 */
describe(`rate-limit counters in the database (${testEngine()})`, () => {
  let t: TestApp;
  let counters: RateLimitCounters;
  // Each test starts 100 windows after the last one began; the keys differ from test to test too.
  let start = Date.parse('2031-01-01T00:00:00Z');

  beforeAll(async () => {
    t = await createTestApp();
    counters = t.app.get(RateLimitCounters);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    start += 100 * WINDOW_MS;
  });

  it('counts every key of a hit, answers in the order of the keys, and opens a new window once one ends', async () => {
    expect(await counters.hit(['a', 'b'], start, WINDOW_MS)).toEqual([
      { hits: 1, resetsAt: start + WINDOW_MS },
      { hits: 1, resetsAt: start + WINDOW_MS },
    ]);
    expect(await counters.hit(['c', 'b', 'a'], start + 1000, WINDOW_MS)).toEqual([
      { hits: 1, resetsAt: start + 1000 + WINDOW_MS },
      { hits: 2, resetsAt: start + WINDOW_MS },
      { hits: 2, resetsAt: start + WINDOW_MS },
    ]);
    expect(await counters.hit(['b', 'c'], start + WINDOW_MS, WINDOW_MS)).toEqual([
      { hits: 1, resetsAt: start + 2 * WINDOW_MS },
      { hits: 2, resetsAt: start + 1000 + WINDOW_MS },
    ]);
  });

  it('counts nothing for no key', async () => {
    expect(await counters.hit([], start, WINDOW_MS)).toEqual([]);
  });

  it('prunes the windows that have ended, and only those', async () => {
    await counters.hit([`ended-${start}`], start, WINDOW_MS);
    await counters.hit([`open-${start}`], start + 30_000, WINDOW_MS);
    expect(await counters.prune(start + WINDOW_MS)).toBeGreaterThanOrEqual(1);
    // The open window goes on counting; the ended one starts again.
    expect(await counters.hit([`open-${start}`, `ended-${start}`], start + WINDOW_MS, WINDOW_MS)).toEqual([
      { hits: 2, resetsAt: start + 30_000 + WINDOW_MS },
      { hits: 1, resetsAt: start + 2 * WINDOW_MS },
    ]);
  });

  /*
   * An attempt's statement must not be written anew for each attempt: on SQLite a new text is
   * compiled on the event loop every time (and pushes other queries out of the statement cache),
   * on PostgreSQL it is parsed and planned by the server every time. Watched at the driver: the
   * SQLite connection's prepare(), the PostgreSQL pool's query().
   */
  it('runs the one prepared statement of its key count for every attempt, whatever the time', async () => {
    const driver = t.app.get(DataSource).driver as unknown as DriverConnections;
    const keys = [`stable-${start}-a`, `stable-${start}-b`];
    await counters.hit(keys, start, WINDOW_MS); // the first attempt of two keys may prepare it
    const seen: unknown[] = [];
    const restore = watchDriver(driver, seen);
    try {
      for (let i = 1; i <= 3; i += 1) await counters.hit(keys, start + i * 1234, WINDOW_MS);
    } finally {
      restore();
    }
    if (testEngine() === 'sqlite') {
      expect(seen).toEqual([]); // nothing compiled
    } else {
      expect(seen).toHaveLength(3);
      const [first] = seen as Array<{ name?: string; text?: string }>;
      expect(first.name).toEqual(expect.any(String)); // a named statement: parsed once per connection
      expect(seen).toEqual([first, first, first].map(({ name, text }) => expect.objectContaining({ name, text })));
    }
  });

  /*
   * On PostgreSQL the prune and the attempts lock the same rows, in different orders (the table's
   * and the digests'): were the prune to wait for rows an attempt holds, the two could each wait
   * for the other until PostgreSQL failed one of them. Every round's windows have just ended, so
   * the prune has all of them to delete while the attempts restart them.
   */
  it('pruning while attempts hit the same ended windows: every statement succeeds, and every count is distinct', async () => {
    const attempts = 12;
    for (let round = 0; round < 15; round += 1) {
      const opened = start + round * 10 * WINDOW_MS;
      const keysOf = (i: number) => [`login|203.0.113.${round}|user${i}@example.com`, `login-address|203.0.113.${round}`];
      for (let i = 0; i < attempts; i += 1) await counters.hit(keysOf(i), opened, WINDOW_MS);

      const ended = opened + WINDOW_MS;
      const [, ...states] = await Promise.all([
        counters.prune(ended),
        ...Array.from({ length: attempts }, (_, i) => counters.hit(keysOf(i), ended, WINDOW_MS)),
      ]);
      // Each user's counter restarted at 1; the shared address counter restarted once and then
      // counted every attempt of the new window exactly once, whatever the prune deleted.
      expect(states.map(([user]) => user.hits)).toEqual(Array(attempts).fill(1));
      expect(states.map(([, address]) => address.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: attempts }, (_, i) => i + 1));
    }
  }, 120_000);
});

/** What the test watches of TypeORM's driver: the SQLite connection, the PostgreSQL pool. */
interface DriverConnections {
  databaseConnection?: { prepare(sql: string): unknown };
  master?: { query(config: unknown, ...rest: unknown[]): unknown };
}

/** Records what reaches the driver (SQLite: each prepare's SQL; PostgreSQL: each pool query's config) until restored. */
function watchDriver(driver: DriverConnections, seen: unknown[]): () => void {
  const target = (testEngine() === 'sqlite' ? driver.databaseConnection : driver.master) as unknown as Record<string, Method>;
  return wrap(target, testEngine() === 'sqlite' ? 'prepare' : 'query', (_self, args) => seen.push(args[0]));
}
