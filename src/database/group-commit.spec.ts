import { groupedPerTurn } from './group-commit.js';

describe('groupedPerTurn', () => {
  it('hands the calls of one turn to one commit, and each caller gets its own outcome', async () => {
    const batches: number[][] = [];
    const write = groupedPerTurn((batch: number[]) => {
      batches.push(batch);
      return batch.map((n) => (n < 0 ? { ok: false as const, error: new Error(`refused ${n}`) } : { ok: true as const, value: n * 10 }));
    });
    const outcomes = await Promise.allSettled([write(1), write(-2), write(3)]);
    expect(batches).toEqual([[1, -2, 3]]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('refused -2') },
      { status: 'fulfilled', value: 30 },
    ]);
  });

  it('starts a new batch for calls of a later turn', async () => {
    const batches: number[][] = [];
    const write = groupedPerTurn(async (batch: number[]) => {
      batches.push(batch);
      return batch.map((n) => ({ ok: true as const, value: n }));
    });
    const first = write(1);
    await first;
    await Promise.all([write(2), write(3)]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('answers no call before the commit has answered', async () => {
    let finish!: () => void;
    const committed = new Promise<void>((resolve) => (finish = resolve));
    const write = groupedPerTurn(async (batch: number[]) => {
      await committed;
      return batch.map((n) => ({ ok: true as const, value: n }));
    });
    let answered = false;
    const pending = write(1).then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answered).toBe(false);
    finish();
    await pending;
    expect(answered).toBe(true);
  });

  it('fails every call of a batch whose commit throws, or answers for fewer calls than it got', async () => {
    const failing = groupedPerTurn<number, number>(() => {
      throw new Error('disk full');
    });
    await expect(Promise.allSettled([failing(1), failing(2)])).resolves.toEqual([
      { status: 'rejected', reason: new Error('disk full') },
      { status: 'rejected', reason: new Error('disk full') },
    ]);
    const short = groupedPerTurn((batch: number[]) => batch.slice(1).map((n) => ({ ok: true as const, value: n })));
    const outcomes = await Promise.allSettled([short(1), short(2)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
  });
});
