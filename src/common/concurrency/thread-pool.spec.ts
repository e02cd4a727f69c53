import { ThreadPool } from './thread-pool.js';

/**
 * A thread that counts, in memory shared by every thread of the pool, how many jobs run at once;
 * holds each job for `job.ms`, answers its own thread id, and fails or dies when asked.
 */
const COUNTING_THREAD = `
const { parentPort, workerData, threadId } = require('node:worker_threads');
const live = new Int32Array(workerData.live);
const pause = new Int32Array(new SharedArrayBuffer(4));
parentPort.on('message', ({ id, job }) => {
  if (job.die) process.exit(1);
  const now = Atomics.add(live, 0, 1) + 1;
  for (let most = Atomics.load(live, 1); now > most; most = Atomics.load(live, 1)) Atomics.compareExchange(live, 1, most, now);
  Atomics.wait(pause, 0, 0, job.ms);
  Atomics.sub(live, 0, 1);
  if (job.fail) parentPort.postMessage({ id, ok: false, error: 'asked to fail' });
  else parentPort.postMessage({ id, ok: true, value: threadId });
});
`;

interface Job {
  readonly ms: number;
  readonly fail?: boolean;
  readonly die?: boolean;
}

function countingPool(size: number) {
  const live = new SharedArrayBuffer(8);
  const pool = new ThreadPool<Job, number>(COUNTING_THREAD, size, { live });
  return { pool, mostAtOnce: () => Atomics.load(new Int32Array(live), 1) };
}

/** Runs `test` on a fresh counting pool, and closes the pool whatever the test's outcome. */
async function withCountingPool(size: number, test: (counting: ReturnType<typeof countingPool>) => Promise<void>): Promise<void> {
  const counting = countingPool(size);
  try {
    await test(counting);
  } finally {
    await counting.pool.close();
  }
}

describe('ThreadPool', () => {
  it('runs at most `size` jobs at once, each on a thread of its own, and queues the rest', () =>
    withCountingPool(2, async ({ pool, mostAtOnce }) => {
      const threadIds = await Promise.all(Array.from({ length: 6 }, () => pool.run({ ms: 20 })));
      expect(new Set(threadIds).size).toBe(2);
      expect(mostAtOnce()).toBe(2);
      expect(pool.threadCount).toBe(2);
    }));

  it('starts threads only when jobs need them', () =>
    withCountingPool(4, async ({ pool }) => {
      expect(pool.threadCount).toBe(0);
      await pool.run({ ms: 1 });
      await pool.run({ ms: 1 });
      expect(pool.threadCount).toBe(1);
    }));

  it("rejects a job its thread failed, and goes on with the next", () =>
    withCountingPool(1, async ({ pool }) => {
      await expect(pool.run({ ms: 1, fail: true })).rejects.toThrow('asked to fail');
      await expect(pool.run({ ms: 1 })).resolves.toEqual(expect.any(Number));
    }));

  it('rejects the job of a thread that died, and starts another for the next', () =>
    withCountingPool(1, async ({ pool }) => {
      const first = await pool.run({ ms: 1 });
      await expect(pool.run({ ms: 1, die: true })).rejects.toThrow('the pool thread stopped');
      const next = await pool.run({ ms: 1 });
      expect(next).not.toBe(first);
      expect(pool.threadCount).toBe(1);
    }));

  it('refuses jobs once closed, and stops its threads', async () => {
    const { pool } = countingPool(2);
    await pool.run({ ms: 1 });
    await pool.close();
    expect(pool.threadCount).toBe(0);
    await expect(pool.run({ ms: 1 })).rejects.toThrow('the thread pool is closed');
  });
});
