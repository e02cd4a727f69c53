import { ADMIN, call, registerClientOver, serverInstancesPerTest, signInOver, type Answer } from './support/server-instances.js';
import { testEngine } from './support/test-database.js';

/*
 * XSO redeem floods against real server processes with a small pool (CONTRACT.md §9, §12):
 * every request is answered, exactly one redemption of a code succeeds, and the instances stay
 * healthy. Each instance is its own process, so a pool deadlock or a check-then-set claim shows
 * up here as it would in production: hung requests, or more than one success.
 */
const POOL = { DATABASE_POOL_SIZE: '5', CAPTURE_URL: 'https://capture.example.test' };

describe(`XSO redeem under a flood, real server processes (${testEngine()})`, () => {
  const instances = serverInstancesPerTest();

  /** A client's session, `count` XSO codes for it, and a capture application token, over HTTP. */
  async function prepare(url: string, count: number): Promise<{ codes: string[]; capture: string }> {
    const admin = await signInOver(url, ADMIN.email, ADMIN.password);
    const capture = await call(url, 'POST', '/api/v1/applications/create_token', { token: admin, json: { application: 'capture' } });
    const client = await registerClientOver(url, `race-${Date.now()}@example.com`);
    const codes: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const handoff = await call(url, 'GET', '/api/v1/xso/capture_client', { token: client.token, query: { client_id: client.clientId } });
      codes.push((handoff.body.data as { code: string }).code);
    }
    return { codes, capture: (capture.body.data as { token: string }).token };
  }

  const redeem = (url: string, capture: string, code: string) => call(url, 'POST', '/api/v1/xso/redeem', { token: capture, json: { code }, timeoutMs: 20_000 });

  function tally(answers: Answer[]) {
    const count = (status: string) => answers.filter((answer) => answer.body.status === status).length;
    return { ok: count('action-successful'), invalidToken: count('invalid-token'), noAnswer: count('no-answer'), slowestMs: Math.max(...answers.map((a) => a.ms)) };
  }

  /**
   * Five codes, one after another, each flooded by 100 concurrent redeems spread over both
   * instances. One flood is not enough to catch a check-then-set claim: on PostgreSQL it let two or
   * more redeems of one code through in 4 of 6 trials, so a single flood passed a third of the time.
   * Five independent floods all passing would take (1/3)^5, under half a percent. On SQLite the same
   * bug cannot show: a process runs one redeem at a time from start to end (a synchronous driver,
   * queued transactions) and SQLite lets one writer commit at a time, so the floods there check the
   * guarantee without being able to provoke that particular race.
   */
  it('100 concurrent redeems of each of five codes over two instances (pool of 5): one success per code, every other answer invalid-token, all answered, both healthy', async () => {
    const [a, b] = await instances.startPair(POOL);
    const { codes, capture } = await prepare(a.url, 5);

    const results = [];
    for (const code of codes) {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => redeem((i % 2 === 0 ? a : b).url, capture, code)));
      results.push(tally(answers));
    }
    process.stdout.write(`redeem race, 5 codes, each 100 × over 2 instances: ${JSON.stringify(results)}\n`);

    expect(results).toEqual(codes.map(() => expect.objectContaining({ ok: 1, invalidToken: 99, noAnswer: 0 })));
    expect(Math.max(...results.map((result) => result.slowestMs))).toBeLessThan(10_000);
    for (const instance of [a, b]) expect((await call(instance.url, 'GET', '/health', { timeoutMs: 5000 })).http).toBe(200);
  }, 180_000);

  it('40 concurrent redeems of 40 different codes on one instance (pool of 5): 40 successes, all answered, healthy', async () => {
    const a = await instances.start(POOL);
    const { codes, capture } = await prepare(a.url, 40);

    const answers = await Promise.all(codes.map((code) => redeem(a.url, capture, code)));
    const result = tally(answers);
    process.stdout.write(`redeem race, 40 codes × 1 on 1 instance: ${JSON.stringify(result)}\n`);

    expect(result).toMatchObject({ ok: 40, noAnswer: 0 });
    expect(result.slowestMs).toBeLessThan(10_000);
    expect((await call(a.url, 'GET', '/health', { timeoutMs: 5000 })).http).toBe(200);
  }, 120_000);
});
