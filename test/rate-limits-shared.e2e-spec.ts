import { countBy } from './support/counting.js';
import { call, serverInstancesPerTest } from './support/server-instances.js';
import { testEngine } from './support/test-database.js';

/*
 * Brute-force limits shared by every instance (CONTRACT.md §12): the counters live in the
 * database, so two server processes on one database allow the configured number of attempts in
 * total, not each. The attempts are sent concurrently and spread over both instances.
 */
describe(`rate limits across two server processes (${testEngine()})`, () => {
  const instances = serverInstancesPerTest();

  it('sessions/create: 10 per address and email in total, however the attempts are spread', async () => {
    const [a, b] = await instances.startPair({ RATE_LIMIT_LOGIN_PER_MINUTE: '10', RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '1000' });
    const attempt = (i: number) =>
      call((i % 2 === 0 ? a : b).url, 'POST', '/api/v1/sessions/create', {
        sensitive: { email: 'target@example.com', password: `guess-${i}`, application: 'planoauth' },
      });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i)));
    const counts = countBy(answers, (answer) => answer.body.status);
    process.stdout.write(`login limit 10 over 2 instances, 30 attempts: ${JSON.stringify(counts)}\n`);
    expect(counts).toEqual({ 'email-not-found': 10, 'rate-limit-exceeded': 20 });
  }, 120_000);

  it('sessions/create: the per-address cap holds in total across many emails', async () => {
    const [a, b] = await instances.startPair({ RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '12' });
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call((i % 2 === 0 ? a : b).url, 'POST', '/api/v1/sessions/create', {
          sensitive: { email: `spray${i}@example.com`, password: 'guess', application: 'planoauth' },
        }),
      ),
    );
    expect(countBy(answers, (answer) => answer.body.status)).toEqual({ 'email-not-found': 12, 'rate-limit-exceeded': 12 });
  }, 120_000);

  it('registration: 4 per address in total', async () => {
    const [a, b] = await instances.startPair({ RATE_LIMIT_REGISTER_PER_MINUTE: '4' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call((i % 2 === 0 ? a : b).url, 'POST', '/api/v1/users/register', {
          sensitive: { email: `shared${i}@example.com`, password: 'a-long-password', first_name: 'S', last_name: 'L' },
        }),
      ),
    );
    expect(countBy(answers, (answer) => answer.body.status)).toEqual({ 'action-successful': 4, 'rate-limit-exceeded': 6 });
  }, 120_000);
});
