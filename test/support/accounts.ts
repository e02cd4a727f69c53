import { PasswordHasher } from '../../src/common/security/password-hasher.js';
import { AccountsService } from '../../src/modules/accounts/accounts.service.js';
import type { UserEntity } from '../../src/modules/accounts/entities/user.entity.js';
import { encodeParams, type TestApp } from './test-app.js';

export interface TestUserOptions {
  readonly email?: string;
  readonly password?: string | null;
  readonly client?: boolean;
  readonly employee?: boolean;
  readonly admin?: boolean;
  readonly liaisonFor?: number[];
  readonly rememberMe?: boolean;
}

export interface TestUser {
  readonly user: UserEntity;
  readonly email: string;
  readonly password: string;
  readonly clientId: number | null;
}

let sequence = 0;

/** A user with the roles asked for, written straight through the app's own services. */
export async function createUser(t: TestApp, options: TestUserOptions = {}): Promise<TestUser> {
  sequence += 1;
  const accounts = t.app.get(AccountsService);
  const email = options.email ?? `user${sequence}.${Date.now()}@example.com`;
  const password = options.password === undefined ? `password-${sequence}-long-enough` : options.password;
  const passwordHash = password === null ? null : await t.app.get(PasswordHasher).hash(password);
  const user = await accounts.createUser({ email, passwordHash, firstName: 'Test', lastName: `User${sequence}` });
  let clientId: number | null = null;
  if (options.client) clientId = (await accounts.createClient(user.id, { firstName: 'Test', lastName: 'Client' })).id;
  if (options.employee || options.admin) await accounts.createEmployee(user.id, options.admin ?? false);
  if (options.liaisonFor) await accounts.createLiaison(user.id, options.liaisonFor);
  if (options.rememberMe) await accounts.setRememberMe(user.id, true);
  return { user, email, password: password ?? '', clientId };
}

/** Signs in through the API, as a consumer does; answers the whole response. */
export function signIn(t: TestApp, params: Record<string, unknown>) {
  return t.http.post('/api/v1/sessions/create').set('Content-Type', 'text/plain').send(encodeParams(params));
}

/** Signs in and answers the raw token, failing the test if sign-in fails. */
export async function tokenFor(t: TestApp, user: TestUser, application = 'planoauth', extra: Record<string, unknown> = {}): Promise<string> {
  const response = await signIn(t, { email: user.email, password: user.password, application, ...extra });
  if (response.body.status !== 'action-successful') throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return response.body.data.token as string;
}
