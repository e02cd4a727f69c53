import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../src/common/security/password-hasher.js';
import { Transactions } from '../../src/database/transactions.js';
import { AccountsService } from '../../src/modules/accounts/accounts.service.js';
import { SessionsService } from '../../src/modules/sessions/sessions.service.js';
import { applicationToken, createUser, liaisonIdOf, storedHashOf, tokenFor } from './accounts.js';
import type { CorpusFixtures, HostileRole, SessionRole } from './hostile-corpus.js';
import { getAs, postAs, type TestApp } from './test-app.js';

/**
 * The accounts and records the hostile corpus needs: a valid token of every role (made the way a
 * consumer gets one: signing in, or an admin minting an application token), real ids to bend,
 * tokens of the wrong kind, and throwaway sessions for requests that may write.
 */
export interface HostileWorld {
  readonly fixtures: CorpusFixtures;
  /** Every credential the world holds: none may ever show up in a log line or a response. */
  readonly secrets: string[];
  /** `count[role]` valid sessions of throwaway accounts of that role, made in bulk. */
  freshSessions(count: Readonly<Record<SessionRole, number>>): Promise<Record<SessionRole, string[]>>;
}

const CLIENT_INFO = { ip: '127.0.0.1', userAgent: 'hostile-corpus' };

export async function buildHostileWorld(t: TestApp): Promise<HostileWorld> {
  const target = await createUser(t, { client: true });
  const targetClient = target.clientId as number;
  const adminUser = await createUser(t, { admin: true });
  const clientUser = await createUser(t, { client: true });
  const liaisonUser = await createUser(t, { liaisonFor: [targetClient] });
  const rolelessUser = await createUser(t);
  const employeeUser = await createUser(t, { employee: true });

  const admin = await tokenFor(t, adminUser);
  const created = async (method: 'get' | 'post', path: string, token: string, params: Record<string, unknown> = {}) => {
    const response = method === 'get' ? await getAs(t, path, token, params) : await postAs(t, path, token, params);
    if (response.body.status !== 'action-successful') throw new Error(`${method.toUpperCase()} ${path} failed: ${JSON.stringify(response.body)}`);
    return response.body as { data: Record<string, any>; session: Record<string, any> | null };
  };

  const tokens: Record<HostileRole, string> = {
    admin,
    employee: await tokenFor(t, employeeUser),
    client: await tokenFor(t, clientUser),
    liaison: await tokenFor(t, liaisonUser),
    roleless: await tokenFor(t, rolelessUser),
    capture: await applicationToken(t, admin, 'capture'),
  };

  const order = (await created('post', '/api/v1/orders/create', admin, { client_id: targetClient, address: '1 Corpus Road' })).data.order.id as number;
  const tour = (await created('post', '/api/v1/tours/create', admin, { client_id: targetClient, address: '1 Corpus Road', order_id: order })).data
    .tour.id as number;
  const routes = (await created('get', '/api/v1/routes/index', admin)).data.results as Array<{ id: number; path: string }>;
  const services = (await created('get', '/api/v1/api_services/index', admin)).data.results as Array<{ id: number; slug: string }>;
  const ownSession = (await created('get', '/api/v1/sessions/read', tokens.roleless)).session as { id: number };
  const liaisonId = await liaisonIdOf(t, liaisonUser);

  // Valid credentials of other kinds: a session of another application, a logged-out session, an XSO code.
  const planoorder = await tokenFor(t, clientUser, 'planoorder');
  const xsoCode = (await created('get', '/api/v1/xso/capture_client', tokens.client, { client_id: clientUser.clientId })).data.code as string;
  const sessions = t.app.get(SessionsService);
  const planoauth = await sessions.requireApplication('planoauth');
  const destroyed = (await sessions.open(rolelessUser.user, planoauth, CLIENT_INFO)).token;
  await created('post', '/api/v1/sessions/destroy', destroyed);

  // Throwaway accounts share one password hash: hashing one per account would cost seconds.
  const freshPassword = `fresh-${randomBytes(12).toString('hex')}`;
  const freshHash = await t.app.get(PasswordHasher).hash(freshPassword);
  const minted: string[] = [];

  const fixtures: CorpusFixtures = {
    ids: {
      ownClient: clientUser.clientId as number,
      targetClient,
      order,
      tour,
      liaison: liaisonId,
      // Records whose update is harmless to the run: not the sign-in route, not the registry's own.
      route: routes.find((route) => route.path.endsWith('/tours/index'))?.id ?? routes[0].id,
      apiService: services.find((service) => service.slug === 'orders')?.id ?? services[0].id,
      notification: 1,
      session: ownSession.id,
    },
    tokens,
    foreignTokens: [planoorder, destroyed, xsoCode],
    signIn: { email: clientUser.email, password: clientUser.password },
  };

  return {
    fixtures,
    get secrets() {
      const credentials = [...Object.values(tokens), planoorder, destroyed, xsoCode, ...minted];
      const passwords = [target, adminUser, clientUser, liaisonUser, rolelessUser, employeeUser].map((user) => user.password);
      // A token's SHA-256 is what the database stores: a log line must not carry it either.
      const hashes = credentials.map((token) => storedHashOf(token));
      return [...credentials, ...passwords, freshPassword, ...hashes];
    },
    freshSessions: async (count) => {
      const made = await makeFreshSessions(t.dataSource, t, count, { targetClient, passwordHash: freshHash });
      for (const list of Object.values(made)) minted.push(...list);
      return made;
    },
  };
}

async function makeFreshSessions(
  dataSource: DataSource,
  t: TestApp,
  count: Readonly<Record<SessionRole, number>>,
  options: { targetClient: number; passwordHash: string },
): Promise<Record<SessionRole, string[]>> {
  const accounts = t.app.get(AccountsService);
  const sessions = t.app.get(SessionsService);
  const planoauth = await sessions.requireApplication('planoauth');
  const made: Record<SessionRole, string[]> = { admin: [], employee: [], client: [], liaison: [], roleless: [] };
  let sequence = 0;
  // One transaction per role: thousands of small inserts, without a round of commits each.
  for (const role of Object.keys(made) as SessionRole[]) {
    if (count[role] === 0) continue;
    await t.app.get(Transactions).run(async () => {
      for (let i = 0; i < count[role]; i += 1) {
        sequence += 1;
        const user = await accounts.createUser(
          { email: `throwaway.${role}.${sequence}.${Date.now()}@example.com`, passwordHash: options.passwordHash, firstName: 'Throwaway', lastName: role },
        );
        if (role === 'client') await accounts.createClient(user.id, { firstName: 'Throwaway', lastName: 'Client' });
        if (role === 'employee' || role === 'admin') await accounts.createEmployee(user.id, role === 'admin');
        if (role === 'liaison') await accounts.createLiaison(user.id, [options.targetClient]);
        made[role].push((await sessions.open(user, planoauth, CLIENT_INFO)).token);
      }
    });
  }
  return made;
}
