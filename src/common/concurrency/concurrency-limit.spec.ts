import { ConcurrencyLimit } from './concurrency-limit.js';

/** A task the spec finishes by hand, recording how many ran at once. */
function gate(live: { now: number; most: number }) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const task = async () => {
    live.now += 1;
    live.most = Math.max(live.most, live.now);
    await done;
    live.now -= 1;
  };
  return { task, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` tasks at once and queues the rest', async () => {
    const limit = new ConcurrencyLimit(2);
    const live = { now: 0, most: 0 };
    const gates = Array.from({ length: 5 }, () => gate(live));
    const runs = gates.map(({ task }) => limit.run(task));
    await settle();
    expect(live.now).toBe(2);
    expect(limit.queued).toBe(3);
    for (const { finish } of gates) {
      finish();
      await settle();
    }
    await Promise.all(runs);
    expect(live.most).toBe(2);
    expect(limit.queued).toBe(0);
  });

  it('starts waiting tasks in the order they came', async () => {
    const limit = new ConcurrencyLimit(1);
    const started: number[] = [];
    const first = gate({ now: 0, most: 0 });
    const running = limit.run(first.task);
    const rest = [1, 2, 3].map((n) => limit.run(async () => void started.push(n)));
    first.finish();
    await Promise.all([running, ...rest]);
    expect(started).toEqual([1, 2, 3]);
  });

  it('frees the slot of a task that fails, and passes the failure on', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(async () => Promise.reject(new Error('argon2 said no')))).rejects.toThrow('argon2 said no');
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});
