import { createHash } from 'node:crypto';
import { PasswordHasher } from '../../src/common/security/password-hasher.js';
import { AccountsService } from '../../src/modules/accounts/accounts.service.js';
import { LiaisonEntity } from '../../src/modules/accounts/entities/liaison.entity.js';
import type { UserReadModel } from '../../src/modules/accounts/account.read-models.js';
import { postAs, postSensitive, type TestApp } from './test-app.js';

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
  readonly user: UserReadModel;
  readonly email: string;
  readonly password: string;
  readonly clientId: number | null;
}

/** What signing in takes: a test user, a demo account, or the params a test sent to create someone. */
export interface Credentials {
  readonly email: string;
  readonly password: string;
}

/** The roles a route's callers come in (a user may hold several; these are the ones tests sign in as). */
export type Role = 'admin' | 'employee' | 'liaison' | 'client' | 'roleless';

/** A signed-in user: who it is, and the token its requests carry. */
export interface Caller {
  readonly user: TestUser;
  readonly token: string;
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
  return postSensitive(t, '/api/v1/sessions/create', undefined, params);
}

/** Signs in and answers the raw token, failing the test if sign-in fails. */
export async function tokenFor(t: TestApp, user: Credentials, application = 'planoauth', extra: Record<string, unknown> = {}): Promise<string> {
  const response = await signIn(t, { email: user.email, password: user.password, application, ...extra });
  if (response.body.status !== 'action-successful') throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return response.body.data.token as string;
}

/** Signs an existing user in: the caller a route test sends requests as. */
export async function signInAs(t: TestApp, user: TestUser, application = 'planoauth'): Promise<Caller> {
  return { user, token: await tokenFor(t, user, application) };
}

/** A new user with `roles`, signed in. */
export async function newCaller(t: TestApp, roles: TestUserOptions = {}, application = 'planoauth'): Promise<Caller> {
  return signInAs(t, await createUser(t, roles), application);
}

/** The token of a new user with `roles`, for tests that never look at the user itself. */
export async function newUserToken(t: TestApp, roles: TestUserOptions = {}, application = 'planoauth'): Promise<string> {
  return (await newCaller(t, roles, application)).token;
}

/** The cast of a role-matrix test: a signed-in caller of every role, and the clients they aim at. */
export interface RoleCast {
  readonly callers: Record<Role, Caller>;
  /** The client the liaison acts for. */
  readonly linkedClient: TestUser;
  /** A client nobody but staff may use. */
  readonly otherClient: TestUser;
}

/** Creates and signs in one caller of each role; the liaison acts for `linkedClient` only. */
export async function createRoleCast(t: TestApp): Promise<RoleCast> {
  const linkedClient = await createUser(t, { client: true });
  const otherClient = await createUser(t, { client: true });
  const callers = {
    admin: await newCaller(t, { admin: true }),
    employee: await newCaller(t, { employee: true }),
    liaison: await newCaller(t, { liaisonFor: [linkedClient.clientId as number] }),
    client: await newCaller(t, { client: true }),
    roleless: await newCaller(t),
  };
  return { callers, linkedClient, otherClient };
}

let personSequence = 0;

/** Params of a new person for users/register, employees/create or liaisons/create: a fresh email and password each call. */
export function newPersonParams(overrides: Record<string, unknown> = {}) {
  personSequence += 1;
  const n = personSequence;
  return { email: `person-${n}.${Date.now()}@example.com`, password: `secret-pass-${n}-xyz`, first_name: 'New', last_name: `Person${n}`, ...overrides };
}

/** clients/register params of a new person; `client` overrides fields of the client object. */
export function newClientRegistration(client: Record<string, unknown> = {}) {
  return { application: 'planoorder', client: { ...newPersonParams(), ...client } };
}

/** Registers a role-less user through the API (users/register); answers the whole response. */
export function registerUser(t: TestApp, params: unknown) {
  return postSensitive(t, '/api/v1/users/register', undefined, params);
}

/** Registers a client through the API (clients/register); answers the whole response. */
export function registerClient(t: TestApp, params: unknown) {
  return postSensitive(t, '/api/v1/clients/register', undefined, params);
}

/** Changes a password through the API (users/change_password); `token` goes in the header, if given. */
export function changePassword(t: TestApp, token: string | undefined, params: unknown) {
  return postSensitive(t, '/api/v1/users/change_password', token, params);
}

/** Has an admin mint a token of `application` (applications/create_token); answers it, failing the test if refused. */
export async function applicationToken(t: TestApp, adminToken: string, application: string): Promise<string> {
  const response = await postAs(t, '/api/v1/applications/create_token', adminToken, { application });
  if (response.body.status !== 'action-successful') throw new Error(`create_token failed: ${JSON.stringify(response.body)}`);
  return response.body.data.token as string;
}

/** The SHA-256 (hex) of a token or code: what the database keeps instead of it. */
export function storedHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The liaison record id of a user who is a liaison. */
export async function liaisonIdOf(t: TestApp, user: TestUser): Promise<number> {
  return (await t.dataSource.getRepository(LiaisonEntity).findOneByOrFail({ userId: user.user.id })).id;
}
