import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import { readdirSync, readFileSync } from 'node:fs';
import { PASSWORD_THREAD_NICENESS, PasswordHasher } from './password-hasher.js';

// argon2id at 19 MiB costs tens of milliseconds per hash: the hashes here are few and shared.
describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ passwordHashConcurrency: 1 });
  const password = 'correct horse battery staple';
  let stored: string;

  beforeAll(async () => {
    await hasher.onModuleInit();
    stored = await hasher.hash(password);
  });

  afterAll(() => hasher.onApplicationShutdown());

  it('hashes to an argon2id v19 PHC string at the OWASP parameters (19 MiB, t=2, p=1)', () => {
    const phc = /^\$argon2id\$v=19\$([a-z]=\d+(?:,[a-z]=\d+)*)\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/.exec(stored);
    expect(phc).not.toBeNull();
    // Compared by name: bindings differ in the order they write them.
    const params = Object.fromEntries(phc![1].split(',').map((pair) => pair.split('=')));
    expect(params).toEqual({ m: '19456', t: '2', p: '1' });
    expect(stored).not.toContain(password);
  });

  it('salts every hash', async () => {
    const again = await hasher.hash(password);
    expect(again).not.toBe(stored);
    await expect(hasher.verify(again, password)).resolves.toBe(true);
  });

  it('verifies the right password', async () => {
    await expect(hasher.verify(stored, password)).resolves.toBe(true);
  });

  it('refuses a wrong password', async () => {
    await expect(hasher.verify(stored, `${password}!`)).resolves.toBe(false);
  });

  it('answers false, not an error, for a stored hash it cannot read', async () => {
    await expect(hasher.verify('not a hash', password)).resolves.toBe(false);
    await expect(hasher.verify('', password)).resolves.toBe(false);
  });

  it('answers false from verifyDecoy, whatever the password', async () => {
    await expect(hasher.verifyDecoy(password)).resolves.toBe(false);
    await expect(hasher.verifyDecoy('decoy password for timing parity')).resolves.toBe(false);
  });

  /*
   * What "off the event loop" means, checked without betting on how fast this machine hashes:
   * while a hash is in flight the main thread turns (an immediate runs before the hash settles)
   * and sits idle waiting for the thread pool — its event-loop utilisation over the hash is low.
   * A hash done on the main thread settles before the loop can turn and keeps the loop busy
   * for its whole duration; the last test shows the same probe catching exactly that.
   */
  it('hashes off the event loop: the loop turns and stays idle while a hash is in flight', async () => {
    const probe = await quietestOf3(() => probeEventLoopDuring(() => hasher.hash('another password')));
    expect(probe.turnedWhileInFlight).toBe(true);
    expect(probe.utilization).toBeLessThan(0.5);
  });

  it('verifies off the event loop too', async () => {
    const probe = await quietestOf3(() => probeEventLoopDuring(() => hasher.verify(stored, password)));
    expect(probe.turnedWhileInFlight).toBe(true);
    expect(probe.utilization).toBeLessThan(0.5);
  });

  it('runs on at most PASSWORD_HASH_CONCURRENCY threads of its own, whatever the burst', async () => {
    const two = new PasswordHasher({ passwordHashConcurrency: 2 });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => two.verify(stored, i % 2 ? password : 'wrong')));
      expect(answers).toEqual([false, true, false, true, false, true]);
      expect(two.threadCount).toBe(2);
    } finally {
      await two.onApplicationShutdown();
    }
    expect(two.threadCount).toBe(0);
  });

  (process.platform === 'linux' ? it : it.skip)('runs its threads at a lower priority than the event loop (Linux)', async () => {
    const before = threadsAtNiceness(PASSWORD_THREAD_NICENESS);
    const two = new PasswordHasher({ passwordHashConcurrency: 2 });
    try {
      await Promise.all([two.hash('one'), two.hash('two')]);
      expect(threadsAtNiceness(PASSWORD_THREAD_NICENESS) - before).toBe(2);
      expect(threadsAtNiceness(0)).toBeGreaterThan(0); // the main thread, at least
    } finally {
      await two.onApplicationShutdown();
    }
  });

  it('reads hashes written by the argon2 reference binding, and writes hashes it reads', async () => {
    const byReference = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await expect(hasher.verify(byReference, password)).resolves.toBe(true);
    await expect(hasher.verify(byReference, 'wrong')).resolves.toBe(false);
    await expect(argon2.verify(stored, password)).resolves.toBe(true);
  });

  it('(the probe itself) tells a hash that blocks the main thread for as long', async () => {
    const started = performance.now();
    await hasher.hash('timing a real hash');
    const hashMs = performance.now() - started;
    const blocking = await probeEventLoopDuring(async () => busyWait(hashMs));
    expect(blocking.turnedWhileInFlight).toBe(false);
    expect(blocking.utilization).toBeGreaterThan(0.5);
  });
});

/**
 * The least busy of three probes. A loaded machine (CI runs specs in parallel on 2 cores) can make
 * the loop look busy through one short hash; work done on the main thread is busy every time.
 */
async function quietestOf3(probe: () => Promise<EventLoopProbe>): Promise<EventLoopProbe> {
  const probes = [await probe(), await probe(), await probe()];
  return probes.reduce((quietest, next) => (next.utilization < quietest.utilization ? next : quietest));
}

interface EventLoopProbe {
  /** An immediate queued just after starting the work ran before the work settled. */
  readonly turnedWhileInFlight: boolean;
  /** The main thread's event-loop utilisation from start to settle: ~0 idle, ~1 blocked throughout. */
  readonly utilization: number;
}

async function probeEventLoopDuring(work: () => Promise<unknown>): Promise<EventLoopProbe> {
  const before = performance.eventLoopUtilization();
  let settled = false;
  const inFlight = work().finally(() => {
    settled = true;
  });
  await new Promise<void>((resolve) => setImmediate(resolve));
  const turnedWhileInFlight = !settled;
  await inFlight;
  return { turnedWhileInFlight, utilization: performance.eventLoopUtilization(before).utilization };
}

/** This process's threads (Linux) whose nice value is `niceness`: field 19 of /proc/…/task/<tid>/stat. */
function threadsAtNiceness(niceness: number): number {
  return readdirSync('/proc/self/task').filter((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) === niceness;
    } catch {
      return false; // the thread ended meanwhile
    }
  }).length;
}

/** Holds the main thread, as a synchronous hash would. */
function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}
