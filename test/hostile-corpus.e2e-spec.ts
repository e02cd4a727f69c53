import { RouteCatalog } from '../src/common/routing/route-catalog.js';
import { countBy } from './support/counting.js';
import { ENVELOPE_KEYS } from './support/envelope.js';
import { buildHostileWorld, type HostileWorld } from './support/hostile-accounts.js';
import { LeakDetector, containsSecret, describeRequest, envelopeProblem, listed, statusOf } from './support/hostile-checks.js';
import {
  generateCorpus,
  HOSTILE_CATEGORIES,
  HOSTILE_ROLES,
  SESSION_ROLES,
  type Corpus,
  type HostileRequest,
  type SessionRole,
} from './support/hostile-corpus.js';
import { sendAll, type HostileResponse } from './support/hostile-http.js';
import { envelopeOf, exchangeRaw } from './support/http-raw.js';
import { corpusSeed } from './support/hostile-random.js';
import { routesOf, type OpenApiDocument, type RouteSpec } from './support/hostile-routes.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Thousands of hostile requests, generated from a seed against every route the app declares
 * (CONTRACT.md §12, "Bad input"): huge and odd numbers, NUL and other control characters, lone
 * surrogates, long strings, JSON 5,000 levels deep, wrong shapes, prototype-pollution keys, odd
 * paths, duplicated params, bad encodings and content types, huge bodies and bad tokens — most of
 * them carrying a valid token of some role, so they get past the guards into validation and the
 * handlers. Whatever comes in, the answer is a catalogue envelope, never a crash, and nothing
 * secret or internal leaks into a response or the log.
 *
 * The corpus is deterministic: its seed is printed, and HOSTILE_SEED=<seed> replays it.
 */
const CORPUS_SIZE = Number(process.env.HOSTILE_SIZE ?? 2400);
const CONCURRENCY = 8;

/** The brute-force limits would otherwise answer most of the corpus's sign-ins and registrations. */
const HIGH_LIMITS = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
  RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '100000',
  RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
};

describe(`hostile request corpus (${testEngine()})`, () => {
  let t: TestApp;
  let world: HostileWorld;
  let routes: RouteSpec[];
  let corpus: Corpus;
  let responses: HostileResponse[];
  let secrets: string[];
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    t = await createTestApp({ env: HIGH_LIMITS });
    world = await buildHostileWorld(t);
    const document = (await t.http.get('/docs-json')).body as OpenApiDocument;
    routes = routesOf(document, t.app.get(RouteCatalog).all());
    corpus = generateCorpus({ seed: corpusSeed(), size: CORPUS_SIZE, routes, fixtures: world.fixtures });
    process.stdout.write(
      `hostile corpus (${testEngine()}): seed ${corpus.seed} (replay with HOSTILE_SEED=${corpus.seed}), ` +
        `${corpus.requests.length} requests over ${routes.length} routes\n`,
    );

    // Requests that may write carry a throwaway account's session, one each, minted up front.
    const fresh = await world.freshSessions(countFresh(corpus.requests));
    const tokenOf = new Map<number, string>();
    for (const request of corpus.requests) {
      const token = request.token;
      if (token?.kind === 'fresh') tokenOf.set(request.index, fresh[token.role].pop() as string);
      else if (token?.kind === 'role') tokenOf.set(request.index, world.fixtures.tokens[token.role]);
      else if (token?.kind === 'literal') tokenOf.set(request.index, token.value);
    }

    responses = await sendAll(corpus.requests, { baseUrl: t.url, concurrency: CONCURRENCY, tokenFor: (request) => tokenOf.get(request.index) });
    secrets = [...new Set([...corpus.secrets, ...world.secrets])];
  }, 300_000);

  afterAll(async () => {
    if (responses) {
      const byStatus = countBy(responses, statusOf);
      process.stdout.write(
        `hostile corpus (${testEngine()}): ${responses.length} requests, by status:\n` +
          Object.entries(byStatus)
            .sort(([, a], [, b]) => b - a)
            .map(([status, count]) => `  ${status.padEnd(32)} ${count}\n`)
            .join(''),
      );
    }
    await t?.close();
  });

  it('is at least 2,000 requests and touches every route, category and role', () => {
    expect(corpus.requests.length).toBeGreaterThanOrEqual(2000);
    // The routes aimed at are the catalogue's and the OpenAPI document's, and those two agree.
    const catalogue = t.app.get(RouteCatalog).all();
    expect(routes.map((route) => route.key).sort()).toEqual(catalogue.map((route) => `${route.method} ${route.path}`).sort());

    const perRoute = countBy(corpus.requests, (request) => request.route);
    const thinRoutes = routes.filter((route) => (perRoute[route.key] ?? 0) < 20).map((route) => `${route.key}: ${perRoute[route.key] ?? 0}`);
    expect(thinRoutes).toEqual([]);

    // Not only aimed at: each route was identified by the app itself (its name is in the request log).
    const identified = new Set(t.logs.requestLines().map((line) => line.route));
    expect(routes.filter((route) => !identified.has(route.name)).map((route) => route.key)).toEqual([]);

    const perCategory = countBy(corpus.requests, (request) => request.category);
    const thinCategories = HOSTILE_CATEGORIES.filter((category) => (perCategory[category] ?? 0) < corpus.requests.length * 0.015);
    expect(thinCategories.map((category) => `${category}: ${perCategory[category] ?? 0}`)).toEqual([]);

    const perRole = countBy(corpus.requests, (request) => request.validRole ?? 'none');
    expect(HOSTILE_ROLES.filter((role) => (perRole[role] ?? 0) < 50).map((role) => `${role}: ${perRole[role] ?? 0}`)).toEqual([]);
  });

  it("answers every request with an envelope whose status and HTTP code are the catalogue's", () => {
    const offenders = responses.flatMap((response) => {
      const problem = envelopeProblem(response);
      return problem ? [`${describeRequest(response)}: ${problem}`] : [];
    });
    if (offenders.length > 0) throw new Error(`Responses that are not a catalogue envelope, ${listed(offenders)}`);
  });

  it('never answers application-crash or identify-request-error', () => {
    const crashes = responses.filter((response) => ['application-crash', 'identify-request-error'].includes(statusOf(response)));
    if (crashes.length > 0) {
      const byRouteAndCategory = countBy(crashes, (response) => `${statusOf(response)} on ${response.request.route} [${response.request.category}]`);
      const summary = Object.entries(byRouteAndCategory)
        .sort(([, a], [, b]) => b - a)
        .map(([key, count]) => `${key}: ${count}`);
      throw new Error(`Crashes by route and category, ${listed(summary, 60)}\n\nThe requests, ${listed(crashes.map(describeRequest))}`);
    }
  });

  it('leaks no stack trace, SQL, file path, token, password or hash in a response', () => {
    const detector = new LeakDetector(tableNames(t), secrets);
    const leaks = responses.flatMap((response) => {
      const found = detector.leaksIn(response.text);
      return found.length > 0 ? [`${describeRequest(response)}: ${found.join(', ')}`] : [];
    });
    if (leaks.length > 0) throw new Error(`Responses that leak, ${listed(leaks)}`);
  });

  it('writes none of the secrets it sent (passwords, tokens, their hashes) to the log', () => {
    const log = t.logs.text();
    const leaked = secrets.filter((secret) => containsSecret(log, secret));
    const lines = log.split('\n');
    const where = leaked.map((secret) => {
      const line = lines.find((candidate) => containsSecret(candidate, secret)) ?? '';
      const at = Math.max(0, line.indexOf(secret.slice(0, 12)) - 60);
      // Never print the secret itself: show the log line around it with the secret masked.
      return `${secret.slice(0, 4)}… (${secret.length} chars) in: ${line.slice(at, at + 200).split(secret).join('<secret>')}`;
    });
    const hashes = lines.filter((line) => line.includes('$argon2')).map((line) => line.slice(0, 200));
    if (leaked.length > 0 || hashes.length > 0) {
      throw new Error(`Secrets in the log, ${listed(where)}\nPassword hashes in the log, ${listed(hashes)}`);
    }
  });

  it('leaves Object.prototype as it was (no prototype pollution)', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).hostilePolluted).toBeUndefined();
  });

  it('is healthy afterwards: GET /health answers 200', async () => {
    const response = await t.http.get('/health');
    expect({ http: response.status, status: response.body.status }).toEqual({ http: 200, status: 'action-successful' });
  });

  it("answers a request Node's HTTP parser refuses with invalid-encoded-params 400, then closes", async () => {
    const cases: Array<[string, string]> = [
      ['a garbage request line', 'THIS IS NOT HTTP\r\n\r\n'],
      ['a NUL in a header', 'GET /health HTTP/1.1\r\nHost: localhost\r\nX-Hostile: a\u0000b\r\n\r\n'],
      [
        '20 KiB of headers',
        `GET /health HTTP/1.1\r\nHost: localhost\r\n${Array.from({ length: 20 }, (_, i) => `X-Fill-${i}: ${'a'.repeat(1024)}\r\n`).join('')}\r\n`,
      ],
    ];
    const seen: Array<Record<string, unknown>> = [];
    const requestIds = new Set<unknown>();
    for (const [label, raw] of cases) {
      const { answer, closed } = await exchangeRaw(t.url, Buffer.from(raw, 'latin1'), { waitMs: 5000 });
      const body = envelopeOf(answer);
      requestIds.add(body?.request_id);
      seen.push({
        label,
        http: answer?.http,
        status: body?.status,
        envelope: body ? Object.keys(body).sort() : (answer?.body ?? '').slice(0, 60),
        requestId: typeof body?.request_id === 'string' && body.request_id.length > 0,
        closed,
      });
    }
    expect(seen).toEqual(
      cases.map(([label]) => ({
        label,
        http: 400,
        status: 'invalid-encoded-params',
        envelope: ENVELOPE_KEYS,
        requestId: true,
        closed: true,
      })),
    );
    expect(requestIds.size).toBe(cases.length); // a fresh request_id each
  });
});

function countFresh(requests: readonly HostileRequest[]): Record<SessionRole, number> {
  const count = Object.fromEntries(SESSION_ROLES.map((role) => [role, 0])) as Record<SessionRole, number>;
  for (const request of requests) if (request.token?.kind === 'fresh') count[request.token.role] += 1;
  return count;
}

function tableNames(t: TestApp): string[] {
  return t.dataSource.entityMetadatas.map((metadata) => metadata.tableName);
}
