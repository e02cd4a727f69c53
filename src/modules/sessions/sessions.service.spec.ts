import { jest } from '@jest/globals';
import type { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { Clock } from '../../common/time/clock.js';
import type { SessionsConfig } from '../../config/sessions.config.js';
import type { UserWithPasswordHash } from '../accounts/account.read-models.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { NO_ROLES, type Roles } from '../auth/roles.js';
import type { ApplicationsService } from '../applications/applications.service.js';
import type { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function user(overrides: Partial<UserWithPasswordHash> = {}): UserWithPasswordHash {
  return {
    id: 7,
    email: 'ada@example.com',
    passwordHash: '$argon2id$stored',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phone: null,
    rememberMe: false,
    createdAt: NOW,
    pendingSince: null,
    ...overrides,
  };
}

/** SessionsService with every dependency mocked, and the calls made to them. */
function build(options: { found?: UserWithPasswordHash | null; passwordOk?: boolean; roles?: Roles } = {}) {
  const passwords = {
    verify: jest.fn(async () => options.passwordOk ?? true),
    verifyDecoy: jest.fn(async () => false as const),
  };
  const accounts = {
    findUserByEmail: jest.fn(async () => (options.found === undefined ? user() : options.found)),
    rolesOf: jest.fn(async () => options.roles ?? { ...NO_ROLES, clientId: 3 }),
    setRememberMe: jest.fn(async () => undefined),
  };
  const applications = {
    findBySlug: jest.fn(async (slug: string) => ({ id: slug === 'planoauth' ? 1 : 2, slug, name: slug })),
  };
  const repository = {
    create: jest.fn(async (s: { userId: number; applicationId: number; tokenHash: string; now: Date }) => ({
      id: 99,
      userId: s.userId,
      applicationId: s.applicationId,
      tokenHash: s.tokenHash,
      createdAt: s.now,
      lastUsedAt: s.now,
      ip: null,
      userAgent: null,
      revokedAt: null,
      expiredAt: null,
    })),
    findOpenForUser: jest.fn(async () => []),
    markExpiredMany: jest.fn(async () => undefined),
  };
  const config: SessionsConfig = { maxAgeSeconds: 604800, idleTimeoutSeconds: 259200, touchIntervalSeconds: 60, cacheTtlMs: 500, magicLinkTtlSeconds: 900, rememberMeMaxAgeSeconds: undefined };
  const service = new SessionsService(
    repository as unknown as SessionsRepository,
    accounts as unknown as AccountsService,
    applications as unknown as ApplicationsService,
    passwords as unknown as PasswordHasher,
    { now: () => NOW } as Clock,
    config,
  );
  return { service, passwords, accounts, repository };
}

const client = { ip: '127.0.0.1', userAgent: 'jest' };
const login = { email: 'ada@example.com', password: 'secret-password', application: 'planoorder' as const };

async function slugOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof PlanoException) return error.slug;
    throw error;
  }
}

describe('SessionsService.login', () => {
  it('spends one decoy verification on an unknown email, as a wrong password costs one real one', async () => {
    const unknown = build({ found: null });
    await expect(slugOf(unknown.service.login(login, client))).resolves.toBe('email-not-found');
    expect(unknown.passwords.verifyDecoy).toHaveBeenCalledTimes(1);
    expect(unknown.passwords.verify).not.toHaveBeenCalled();

    const wrong = build({ passwordOk: false });
    await expect(slugOf(wrong.service.login(login, client))).resolves.toBe('invalid-password');
    expect(wrong.passwords.verify).toHaveBeenCalledTimes(1);
    expect(wrong.passwords.verifyDecoy).not.toHaveBeenCalled();
  });

  it('spends a decoy verification on a user with no password too', async () => {
    const { service, passwords } = build({ found: user({ passwordHash: null }) });
    await expect(slugOf(service.login(login, client))).resolves.toBe('user-has-no-password');
    expect(passwords.verifyDecoy).toHaveBeenCalledTimes(1);
  });

  it('says nothing about roles before the password is right', async () => {
    const { service, accounts } = build({ passwordOk: false, roles: NO_ROLES });
    await expect(slugOf(service.login(login, client))).resolves.toBe('invalid-password');
    expect(accounts.rolesOf).not.toHaveBeenCalled();
  });

  it('refuses a role-less user outside planoauth, and lets them into planoauth', async () => {
    await expect(slugOf(build({ roles: NO_ROLES }).service.login(login, client))).resolves.toBe('user-requires-role');
    await expect(build({ roles: NO_ROLES }).service.login({ ...login, application: 'planoauth' }, client)).resolves.toMatchObject({
      session: { application: 'planoauth' },
    });
  });

  it('issues a token whose hash, not the token, goes to the repository', async () => {
    const { service, repository } = build();
    const issued = await service.login(login, client);
    const stored = repository.create.mock.calls[0]?.[0];
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.tokenHash).not.toBe(issued.token);
    expect(JSON.stringify(repository.create.mock.calls)).not.toContain(issued.token);
  });

  it('saves remember_me only when asked to turn it on', async () => {
    const on = build();
    const issued = await on.service.login({ ...login, rememberMe: true }, client);
    expect(on.accounts.setRememberMe).toHaveBeenCalledWith(7, true);
    expect(issued.user.remember_me).toBe(true);
    const absent = build();
    await absent.service.login(login, client);
    expect(absent.accounts.setRememberMe).not.toHaveBeenCalled();
  });
});
