import { jest } from '@jest/globals';
import { issueToken } from '../src/common/security/opaque-token.js';
import { XsoCodeEntity } from '../src/modules/xso/entities/xso-code.entity.js';
import { XsoCodesRepository, type NewXsoCode } from '../src/modules/xso/xso-codes.repository.js';
import { applicationToken, createUser, newUserToken, storedHashOf, tokenFor, type TestUser } from './support/accounts.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';
import { redeemXso, xsoCode } from './support/xso-handoff.js';

const ENV = { CAPTURE_URL: 'https://capture.example.test', PLANOAUTH_URL: 'https://auth.example.test' };
const NOT_ACCESSIBLE = /^client_id \d+ does not exist or is not accessible$/;

interface World {
  admin: string;
  employee: string;
  clientA: TestUser;
  clientB: TestUser;
  tokenA: string;
  liaison: string;
  roleless: string;
  orderA: number;
  orderB: number;
  tourA: number;
  tourB: number;
  capture: string;
}

/** Users of every role, an order and a tour for each of two clients, a capture application token. */
async function buildWorld(t: TestApp): Promise<World> {
  const admin = await newUserToken(t, { admin: true });
  const clientA = await createUser(t, { client: true });
  const clientB = await createUser(t, { client: true });
  const staff = (path: string, body: Record<string, unknown>) => postAs(t, path, admin, body);
  const orderA = (await staff('/api/v1/orders/create', { client_id: clientA.clientId, address: '1 Main St' })).body.data.order.id as number;
  const orderB = (await staff('/api/v1/orders/create', { client_id: clientB.clientId, address: '2 Side St' })).body.data.order.id as number;
  const tourA = (await staff('/api/v1/tours/create', { client_id: clientA.clientId, address: '1 Main St', order_id: orderA })).body.data.tour.id as number;
  const tourB = (await staff('/api/v1/tours/create', { client_id: clientB.clientId, address: '2 Side St' })).body.data.tour.id as number;
  const capture = await applicationToken(t, admin, 'capture');
  return {
    admin,
    employee: await newUserToken(t, { employee: true }),
    clientA,
    clientB,
    tokenA: await tokenFor(t, clientA, 'planoorder'),
    liaison: await newUserToken(t, { liaisonFor: [clientA.clientId as number] }),
    roleless: await newUserToken(t),
    orderA,
    orderB,
    tourA,
    tourB,
    capture,
  };
}

describe(`GET /api/v1/xso/capture_client (${testEngine()})`, () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
    w = await buildWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const xso = (token: string | undefined, query: Record<string, string | number>) => {
    const request = t.http.get('/api/v1/xso/capture_client').query(token === undefined ? query : { token, ...query });
    return request;
  };

  it('hands a client into CaptuRE home with a one-time code', async () => {
    const response = await xso(w.tokenA, { client_id: w.clientA.clientId as number });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'action-successful',
      data: {
        code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        client_id: w.clientA.clientId,
        target: 'home',
        expires_at: new Date(t.clock.now().getTime() + 60_000).toISOString(),
      },
      session: { user_id: w.clientA.user.id, application: 'planoorder' },
    });
    expect(response.body.data.redirect_url).toBe(`https://capture.example.test/xso?code=${response.body.data.code}`);
    expect(response.body.data).not.toHaveProperty('order_id');
  });

  describe('token', () => {
    it.each([
      ['missing', undefined],
      ['garbage', 'garbage'],
    ])('%s → invalid-token 401', async (_case, token) => {
      const response = await xso(token, { client_id: w.clientA.clientId as number });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 'invalid-token', session: null });
    });

    it('a role-less user → client-required 401, carrying the session', async () => {
      const response = await xso(w.roleless, { client_id: w.clientA.clientId as number });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 'client-required', session: { application: 'planoauth' } });
    });
  });

  describe('client_id', () => {
    it('missing → missing-param', async () => {
      const response = await xso(w.tokenA, {});
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 'missing-param', errors: [{ param: 'client_id', problem: 'missing' }] });
    });

    it.each(['abc', '1.5', '-3', '99999999999'])('non-integer or out of range %s → invalid-param', async (value) => {
      const response = await xso(w.tokenA, { client_id: value });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'client_id', problem: 'invalid' }] });
    });

    it('someone else’s client answers exactly like a nonexistent one', async () => {
      const foreign = await xso(w.tokenA, { client_id: w.clientB.clientId as number });
      const missing = await xso(w.tokenA, { client_id: 987654 });
      for (const response of [foreign, missing]) {
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'client_id', problem: 'not-found' }] });
        expect(response.body.message).toMatch(NOT_ACCESSIBLE);
      }
    });

    it.each([
      ['an admin', 'admin', true, true],
      ['an employee', 'employee', true, true],
      ['a liaison (linked to A only)', 'liaison', true, false],
      ['client A', 'tokenA', true, false],
    ] as const)('%s: client A allowed=%s, client B allowed=%s', async (_who, key, allowA, allowB) => {
      const token = w[key] as string;
      const a = await xso(token, { client_id: w.clientA.clientId as number });
      const b = await xso(token, { client_id: w.clientB.clientId as number });
      expect(a.body.status).toBe(allowA ? 'action-successful' : 'invalid-param');
      expect(b.body.status).toBe(allowB ? 'action-successful' : 'invalid-param');
    });
  });

  describe('targets', () => {
    it.each([
      ['true', 'step_1'],
      ['1', 'step_1'],
      ['false', 'home'],
      ['0', 'home'],
    ])('step_1=%s → target %s', async (value, target) => {
      const response = await xso(w.tokenA, { client_id: w.clientA.clientId as number, step_1: value });
      expect(response.body).toMatchObject({ status: 'action-successful', data: { target } });
    });

    it.each(['yes', 'TRUE ', '2'])('step_1=%s → invalid-param', async (value) => {
      const response = await xso(w.tokenA, { client_id: w.clientA.clientId as number, step_1: value });
      expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'step_1' }] });
    });

    it('order_id of the client → target order; tour_id → target tour (step 2)', async () => {
      const order = await xso(w.tokenA, { client_id: w.clientA.clientId as number, order_id: w.orderA });
      expect(order.body.data).toMatchObject({ target: 'order', order_id: w.orderA });
      const tour = await xso(w.tokenA, { client_id: w.clientA.clientId as number, tour_id: w.tourA });
      expect(tour.body.data).toMatchObject({ target: 'tour', tour_id: w.tourA });
    });

    it('an order or tour of another client, or none, → invalid-param naming it', async () => {
      const cases: Array<[string, number]> = [
        ['order_id', w.orderB],
        ['order_id', 999_999],
        ['tour_id', w.tourB],
        ['tour_id', 999_999],
      ];
      for (const [param, id] of cases) {
        const response = await xso(w.admin, { client_id: w.clientA.clientId as number, [param]: id });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param, problem: 'not-found' }] });
        expect(response.body.message).toBe(`${param} ${id} does not exist or is not accessible`);
      }
    });

    it('two targets at once → invalid-param naming both', async () => {
      const client = { client_id: w.clientA.clientId as number };
      const stepAndOrder = await xso(w.tokenA, { ...client, step_1: 'true', order_id: w.orderA });
      expect(stepAndOrder.body).toMatchObject({
        status: 'invalid-param',
        errors: [
          { param: 'step_1', problem: 'conflicting-target' },
          { param: 'order_id', problem: 'conflicting-target' },
        ],
      });
      const orderAndTour = await xso(w.tokenA, { ...client, order_id: w.orderA, tour_id: w.tourA });
      expect(orderAndTour.body.status).toBe('invalid-param');
      const falseStepIsNoTarget = await xso(w.tokenA, { ...client, step_1: 'false', order_id: w.orderA });
      expect(falseStepIsNoTarget.body.data.target).toBe('order');
    });
  });

  describe('browsers', () => {
    const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

    it('are sent 302 to CaptuRE with the code', async () => {
      const response = await xso(w.tokenA, { client_id: w.clientA.clientId as number, step_1: '1' }).set('Accept', browserAccept).redirects(0);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.location);
      expect(`${location.origin}${location.pathname}`).toBe('https://capture.example.test/xso');
      const code = location.searchParams.get('code') as string;
      const row = await t.dataSource.getRepository(XsoCodeEntity).findOneByOrFail({ codeHash: storedHashOf(code) });
      expect(row).toMatchObject({ clientId: w.clientA.clientId, target: 'step_1', redeemedAt: null });
    });

    it('on client-required are sent 302 to the PlanoAuth registration page', async () => {
      const response = await xso(w.roleless, { client_id: w.clientA.clientId as number }).set('Accept', browserAccept).redirects(0);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.location);
      expect(`${location.origin}${location.pathname}`).toBe('https://auth.example.test/clients/register');
      expect(location.searchParams.get('return_to')).toBe(`/api/v1/xso/capture_client?client_id=${w.clientA.clientId}`);
      expect(new URLSearchParams(location.hash.slice(1)).get('token')).toBe(w.roleless);
    });

    it('still get the envelope for other failures', async () => {
      const response = await xso(w.tokenA, { client_id: 'abc' }).set('Accept', browserAccept).redirects(0);
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('invalid-param');
    });
  });

  /*
   * Under load many hand-offs write in the same turn of the event loop, and their codes commit
   * together (one transaction on SQLite, one statement on PostgreSQL). Called in one turn here, so
   * the grouping is certain rather than left to how requests happen to arrive.
   */
  describe('codes written in one turn', () => {
    async function codesOfOneTurn(slugs: string[]) {
      const session = await t.dataSource.query(`SELECT id FROM sessions WHERE token_hash = '${storedHashOf(w.tokenA)}'`);
      const createdAt = new Date('2026-03-01T10:00:00.123Z');
      const targets: Array<Pick<NewXsoCode, 'target' | 'orderId' | 'tourId'>> = [
        { target: 'home', orderId: null, tourId: null },
        { target: 'order', orderId: w.orderA, tourId: null },
        { target: 'tour', orderId: null, tourId: w.tourA },
        { target: 'step_1', orderId: null, tourId: null },
      ];
      const codes: NewXsoCode[] = slugs.map((applicationSlug, index) => ({
        codeHash: issueToken().hash,
        userId: w.clientA.user.id,
        sessionId: session[0].id as number,
        clientId: w.clientA.clientId as number,
        applicationSlug,
        ...targets[index % targets.length],
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 60_000 + index),
      }));
      const repository = t.app.get(XsoCodesRepository);
      const recorded = await Promise.all(codes.map((code) => repository.recordCode(code)));
      return { codes, recorded };
    }

    it('stores every code as it was given, each caller answered for its own', async () => {
      const { codes, recorded } = await codesOfOneTurn(Array(8).fill('capture'));
      expect(recorded).toEqual(Array(8).fill(true));
      const rows = t.dataSource.getRepository(XsoCodeEntity);
      for (const code of codes) {
        const row = await rows.findOneByOrFail({ codeHash: code.codeHash });
        expect(row).toMatchObject({ userId: code.userId, sessionId: code.sessionId, clientId: code.clientId, target: code.target, orderId: code.orderId, tourId: code.tourId, redeemedAt: null });
        expect(row.createdAt.toISOString()).toBe(code.createdAt.toISOString());
        expect(row.expiresAt.toISOString()).toBe(code.expiresAt.toISOString());
      }
    });

    it('answers false for a code naming no application, and stores the others of its turn', async () => {
      const { codes, recorded } = await codesOfOneTurn(['capture', 'no-such-application', 'capture']);
      expect(recorded).toEqual([true, false, true]);
      const stored = await t.dataSource.getRepository(XsoCodeEntity).countBy(codes.map((code) => ({ codeHash: code.codeHash })));
      expect(stored).toBe(2);
    });

    it('commits them together: one transaction for the turn', async () => {
      if (testEngine() === 'postgres') {
        const { codes } = await codesOfOneTurn(Array(5).fill('capture'));
        const hashes = codes.map((code) => `'${code.codeHash}'`).join(', ');
        // Rows written by one transaction carry its id.
        const transactions = await t.dataSource.query(`SELECT DISTINCT xmin::text AS id FROM xso_codes WHERE code_hash IN (${hashes})`);
        expect(transactions).toHaveLength(1);
      } else {
        // One connection for the process: its transactions are counted where they open.
        const connection = (t.dataSource.driver as unknown as { databaseConnection: { transaction(work: () => unknown): () => unknown } }).databaseConnection;
        const transactions = jest.spyOn(connection, 'transaction');
        try {
          await codesOfOneTurn(Array(5).fill('capture'));
          expect(transactions).toHaveBeenCalledTimes(1);
        } finally {
          transactions.mockRestore();
        }
      }
    });
  });

  it('documents every param with the seed page’s words, and its statuses', async () => {
    const operation = (await t.http.get('/docs-json')).body.paths['/api/v1/xso/capture_client'].get;
    expect(operation.summary).toBe('XSO CaptuRE Client API');
    const params = Object.fromEntries(operation.parameters.map((p: { name: string; description?: string }) => [p.name, p.description ?? '']));
    expect(params.client_id).toBe('PlanoCore id of client that is being authenticated for.');
    expect(params.step_1).toContain('To bypass to Step 1 of CaptuRE');
    expect(params.order_id).toContain('To XSO to order placed in CaptuRE');
    expect(params.tour_id).toContain('To bypass to Step 2 of CaptuRE');
    expect(params.token).toContain('Authentication token from current session');
    const examples = (code: string) => Object.keys(operation.responses[code].content['application/json'].examples);
    expect(examples('401')).toEqual(['invalid-token', 'session-expired', 'client-required']);
    expect(examples('400')).toEqual(expect.arrayContaining(['missing-param', 'invalid-param', 'invalid-content-type', 'no-params-decoded', 'invalid-encoded-params']));
    expect(examples('500')).toEqual(expect.arrayContaining(['application-crash', 'route-non-existent', 'identify-request-error']));
  });
});

describe(`POST /api/v1/xso/redeem (${testEngine()})`, () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
    w = await buildWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const codeFor = (query: Record<string, string | number> = {}) => xsoCode(t, w.tokenA, { client_id: w.clientA.clientId as number, ...query });
  const redeem = (code: string, appToken = w.capture) => redeemXso(t, appToken, { code });

  it('exchanges the code for a capture session of the user, with the client and target', async () => {
    const response = await redeem(await codeFor({ order_id: w.orderA }));
    expect(response.body).toMatchObject({
      status: 'action-successful',
      data: { token: expect.any(String), user: { id: w.clientA.user.id }, client_id: w.clientA.clientId, target: 'order', order_id: w.orderA },
      session: { application: 'capture', user_id: w.clientA.user.id },
    });
    const read = await getAs(t, '/api/v1/sessions/read', response.body.data.token);
    expect(read.body).toMatchObject({ status: 'action-successful', session: { application: 'capture' } });
  });

  it('a used, an expired or an unknown code → invalid-token', async () => {
    const used = await codeFor();
    expect((await redeem(used)).body.status).toBe('action-successful');
    expect((await redeem(used)).body.status).toBe('invalid-token');

    const expiring = await codeFor();
    t.clock.advanceSeconds(61);
    const expired = await redeem(expiring);
    expect(expired.status).toBe(401);
    expect(expired.body.status).toBe('invalid-token');

    expect((await redeem('x'.repeat(43))).body.status).toBe('invalid-token');
    expect((await redeem('not a code')).body.status).toBe('invalid-token');
  });

  it('needs a capture application token', async () => {
    const code = await codeFor();
    const planoorderToken = await applicationToken(t, w.admin, 'planoorder');
    expect((await redeem(code, planoorderToken)).body.status).toBe('invalid-token');
    expect((await redeem(code, w.tokenA)).body.status).toBe('invalid-token');
    expect((await redeem(code)).body.status).toBe('action-successful'); // not spent by the refused attempts
  });

  it('never writes a code or a token to the log', async () => {
    const code = await codeFor();
    const redeemed = await redeem(code);
    // The seed page's way: the session token in the query string.
    await t.http.get('/api/v1/xso/capture_client').query({ token: w.tokenA, client_id: w.clientA.clientId as number });
    const logs = t.logs.text();
    for (const secret of [code, redeemed.body.data.token as string, w.tokenA, w.capture]) expect(logs).not.toContain(secret);
    expect(logs).toContain('"token":"[redacted]"');
  });
});

// The redeem races run against real server processes: xso-redeem-race.e2e-spec.ts.

describe(`capture_client with an expired session (${testEngine()})`, () => {
  it('answers session-expired 401', async () => {
    const t = await createTestApp({ env: ENV });
    try {
      const client = await createUser(t, { client: true });
      const token = await tokenFor(t, client);
      t.clock.advanceSeconds(72 * 3600 + 1);
      const response = await t.http.get('/api/v1/xso/capture_client').query({ token, client_id: client.clientId as number });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 'session-expired', session: null });
    } finally {
      await t.close();
    }
  });
});
