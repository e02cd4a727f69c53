import { performance } from 'node:perf_hooks';

/** Waiting for something another process or instance does on its own time, by asking again and again. */

export interface PollOptions {
  /** How long to keep asking before calling it lost. */
  readonly giveUpAfterMs: number;
  /** The pause between two askings. */
  readonly everyMs: number;
}

/**
 * Milliseconds from now until `seen` holds, asking every `everyMs`; Infinity if it never does
 * within `giveUpAfterMs`. Each reading is taken when the answer arrives, so the figure errs long,
 * never short.
 */
export async function msUntil(seen: () => Promise<boolean>, options: PollOptions): Promise<number> {
  const from = performance.now();
  while (performance.now() - from < options.giveUpAfterMs) {
    if (await seen()) return performance.now() - from;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
  }
  return Number.POSITIVE_INFINITY;
}
