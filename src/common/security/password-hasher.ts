import { createRequire } from 'node:module';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { authConfig, type AuthConfig } from '../../config/auth.config.js';
import { ThreadPool, type ThreadSource } from '../concurrency/thread-pool.js';

type HashJob = { readonly op: 'hash'; readonly password: string } | { readonly op: 'verify'; readonly hash: string; readonly password: string };

/**
 * One password thread: argon2id at OWASP's recommended parameters (19 MiB, 2 iterations,
 * parallelism 1; algorithm 2 is argon2id, the binding's enum is compile-time only), run
 * synchronously on the thread itself. A verification that cannot read the stored hash answers
 * false. The binding's path comes as workerData, so the thread resolves nothing on its own.
 */
const PASSWORD_THREAD: ThreadSource = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  // Linux: this thread's own id, and a lower priority for it alone (see PASSWORD_THREAD_NICENESS).
  const threadId = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(threadId, workerData.niceness);
} catch {}
const argon2 = require(workerData.binding);
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };
function answer(job) {
  if (job.op === 'hash') return argon2.hashSync(job.password, OPTIONS);
  try { return argon2.verifySync(job.hash, job.password); } catch { return false; }
}
parentPort.on('message', ({ id, job }) => {
  try { parentPort.postMessage({ id, ok: true, value: answer(job) }); }
  catch { parentPort.postMessage({ id, ok: false, error: 'argon2 failed' }); }
});
`;

const ARGON2_BINDING = createRequire(import.meta.url).resolve('@node-rs/argon2');

/**
 * The password threads' nice value (Linux; elsewhere they run at the process's priority). With a
 * core per password thread left to spare, a login storm still competes with the event loop for
 * CPU whenever the load generator, the database or other processes take the other core: at equal
 * priority the ping's p99 during a storm went past twice its idle p99. At 10 the kernel gives the
 * event loop the CPU first and hashing gets what is left; an idle machine hashes as fast as ever.
 */
export const PASSWORD_THREAD_NICENESS = 10;

/**
 * Hashes and verifies on PASSWORD_HASH_CONCURRENCY dedicated threads (cores − 1 by default),
 * never on the event loop: a login storm slows logins, not every other request.
 *
 * Why threads of our own rather than async calls on libuv's pool: argon2 takes 19 MiB per hash
 * while it runs, and libuv's four pool threads run four hashes at once (with the binding used
 * before this one, whose allocator also kept each thread's block after its hash, a storm's RSS
 * reached 245 MiB). Here at most PASSWORD_HASH_CONCURRENCY blocks are held at once: this binding
 * maps each hash's block and unmaps it when the hash is done.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit, OnApplicationShutdown {
  /** A real hash of nothing in particular: verifying against it costs what a real check costs. */
  private decoyHash: string;
  private readonly threads: ThreadPool<HashJob, string | boolean>;

  constructor(@Inject(authConfig.KEY) config: Pick<AuthConfig, 'passwordHashConcurrency'>) {
    this.threads = new ThreadPool(PASSWORD_THREAD, config.passwordHashConcurrency, { binding: ARGON2_BINDING, niceness: PASSWORD_THREAD_NICENESS });
  }

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.hash('decoy password for timing parity');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.threads.close();
  }

  /** The password threads started so far: at most PASSWORD_HASH_CONCURRENCY. */
  get threadCount(): number {
    return this.threads.threadCount;
  }

  async hash(password: string): Promise<string> {
    return (await this.threads.run({ op: 'hash', password })) as string;
  }

  /** False for a wrong password and for a stored hash that cannot be read. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return (await this.threads.run({ op: 'verify', hash: passwordHash, password })) as boolean;
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of one verification and answers false: for an unknown email or a user with
   * no password, so the response time does not tell which emails exist.
   */
  async verifyDecoy(password: string): Promise<false> {
    await this.verify(this.decoyHash, password);
    return false;
  }
}
