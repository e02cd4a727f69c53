import { Worker } from 'node:worker_threads';
import { ConcurrencyLimit } from './concurrency-limit.js';

/**
 * The source of a pool thread: CommonJS, run with `eval` so the same string serves the built
 * server and the specs that load TypeScript. It must answer each `{ id, job }` message with
 * `{ id, ok: true, value }` or `{ id, ok: false, error }`, one job at a time, and may read what
 * the pool was given as `workerData`.
 */
export type ThreadSource = string;

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

interface PoolThread {
  readonly worker: Worker;
  pending: { readonly id: number; resolve(value: unknown): void; reject(error: Error): void } | null;
}

/**
 * At most `size` dedicated threads, each running one job at a time; further jobs queue in order.
 * Threads start on first need and stay, unreferenced while idle so they never hold the process
 * open. A thread that dies fails its job and is replaced by the next job that needs one.
 */
export class ThreadPool<Job, Result> {
  private readonly limit: ConcurrencyLimit;
  private readonly threads: PoolThread[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly source: ThreadSource,
    readonly size: number,
    private readonly workerData?: unknown,
  ) {
    this.limit = new ConcurrencyLimit(size);
  }

  /** The threads running now (started and not dead): never more than `size`. */
  get threadCount(): number {
    return this.threads.length;
  }

  run(job: Job): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('the thread pool is closed'));
    // The limit guarantees a free thread, or room to start one, whenever a job gets its turn.
    return this.limit.run(() => this.dispatch(job) as Promise<Result>);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  private dispatch(job: Job): Promise<unknown> {
    const thread = this.threads.find((candidate) => candidate.pending === null) ?? this.start();
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      thread.pending = { id, resolve, reject };
      thread.worker.ref();
      thread.worker.postMessage({ id, job });
    });
  }

  private start(): PoolThread {
    const worker = new Worker(this.source, { eval: true, workerData: this.workerData });
    const thread: PoolThread = { worker, pending: null };
    worker.on('message', (reply: Reply) => {
      const pending = thread.pending;
      if (!pending || pending.id !== reply.id) return;
      thread.pending = null;
      worker.unref();
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(reply.error ?? 'the pool thread failed'));
    });
    // 'error' is followed by 'exit'; the job is failed once, on exit.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      thread.pending?.reject(new Error('the pool thread stopped'));
      thread.pending = null;
    });
    worker.unref();
    this.threads.push(thread);
    return thread;
  }
}
