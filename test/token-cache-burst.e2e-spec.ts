import { jest } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { SessionsRepository } from '../src/modules/sessions/sessions.repository.js';
import { createUser, tokenFor } from './support/accounts.js';
import { bearer, createTestApp, type TestApp } from './support/test-app.js';
import { testEngine } from './support/test-database.js';

/*
 * A burst of requests with one token that is not in the token cache (just signed in, or its entry
 * just ran out) reads the session from the database once: the requests that miss while that read
 * is under way wait for it. Without that, on PostgreSQL every request of the burst made its own
 * round trip, queued on the pool, every time the entry ran out. With the cache off
 * (SESSION_CACHE_TTL_MS=0) every request reads the database, as that setting promises.
 */
const BURST = 20;

describe(`token check, a burst with one token (${testEngine()})`, () => {
  async function burstOn(t: TestApp) {
    const user = await createUser(t, { client: true });
    const token = await tokenFor(t, user);
    await sleep(50); // the sign-in's response has closed: it no longer counts as a write under way
    const reads = jest.spyOn(t.app.get(SessionsRepository) as unknown as { readByTokenHash(hash: string): Promise<unknown> }, 'readByTokenHash');
    const answers = await Promise.all(Array.from({ length: BURST }, () => t.http.get('/api/v1/sessions/read').set(bearer(token))));
    return { statuses: answers.map((answer) => answer.body.status as string), reads: reads.mock.calls.length };
  }

  describe('with the token cache on', () => {
    let t: TestApp;
    // The TTL at its maximum, so a slow machine cannot see the entry run out within the burst.
    beforeAll(async () => (t = await createTestApp({ env: { SESSION_CACHE_TTL_MS: '1000' } })));
    afterAll(async () => t.close());

    it(`answers all ${BURST} requests from one database read`, async () => {
      const { statuses, reads } = await burstOn(t);
      expect(statuses).toEqual(Array(BURST).fill('action-successful'));
      expect(reads).toBe(1);
    });
  });

  describe('with the token cache off', () => {
    let t: TestApp;
    beforeAll(async () => (t = await createTestApp({ env: { SESSION_CACHE_TTL_MS: '0' } })));
    afterAll(async () => t.close());

    it('reads the database for every request', async () => {
      const { statuses, reads } = await burstOn(t);
      expect(statuses).toEqual(Array(BURST).fill('action-successful'));
      expect(reads).toBe(BURST);
    });
  });
});
