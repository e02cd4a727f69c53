/** How one write of a batch ended. */
export type WriteOutcome<Out> = { readonly ok: true; readonly value: Out } | { readonly ok: false; readonly error: unknown };

/**
 * Collects the calls made in one turn of the event loop and hands them to `commit` together, just
 * after the turn (setImmediate). Each caller's promise settles with its own outcome, by position,
 * once `commit` has answered for the whole batch: a write is never answered before it is
 * committed. If `commit` throws, every write of the batch fails with that error.
 *
 * For single-statement writes that many requests make at once (the XSO hand-off writes one code
 * per request): one commit for the batch instead of one per request.
 */
export function groupedPerTurn<In, Out>(commit: (batch: In[]) => WriteOutcome<Out>[] | Promise<WriteOutcome<Out>[]>): (item: In) => Promise<Out> {
  let queue: Array<{ item: In; resolve(value: Out): void; reject(error: unknown): void }> = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      const outcomes = await commit(batch.map((write) => write.item));
      batch.forEach((write, index) => {
        const outcome = outcomes[index];
        if (outcome?.ok) write.resolve(outcome.value);
        else write.reject(outcome ? outcome.error : new Error('the batch answered fewer writes than it was given'));
      });
    } catch (error) {
      for (const write of batch) write.reject(error);
    }
  };
  return (item) =>
    new Promise<Out>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ item, resolve, reject });
    });
}
