import { loggedTransactions, strictMock } from '../../../test/support/automock.js';
import { FakeClock } from '../../../test/support/fake-clock.js';
import { hashToken, issueToken } from '../../common/security/opaque-token.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { Transactions } from '../../database/transactions.js';
import type { UserReadModel } from '../accounts/account.read-models.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { ApplicationsService } from '../applications/applications.service.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { NO_ROLES } from '../auth/roles.js';
import type { ClientAccess } from '../clients/client-access.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import type { XsoCodeEntity } from './entities/xso-code.entity.js';
import type { XsoCodesRepository } from './xso-codes.repository.js';
import { XsoService } from './xso.service.js';
import { refusal } from '../../../test/support/refusal.js';

const CLIENT_ID = 10;
const CLIENT_NOT_YOURS = 11;
const ORDER_OF_CLIENT = 55;
const TOUR_OF_CLIENT = 66;
const SESSION_ID = 301;
const CODE_TTL_SECONDS = 90;
const CAPTURE = { id: 4, slug: 'capture', name: 'CaptuRE' };
const CAPTURE_BASE_URL = 'https://capture.example.test';
/** What ClientAccess answers for a client the caller may not use. */
const CLIENT_REFUSAL = PlanoException.notFoundOrNotYours('client_id', CLIENT_NOT_YOURS);

const USER: UserReadModel = {
  id: 7,
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: null,
  rememberMe: true,
  createdAt: new Date('2025-12-01T00:00:00.000Z'),
  pendingSince: null,
};

const caller = {
  kind: 'session',
  session: { id: SESSION_ID, createdAt: USER.createdAt, lastUsedAt: USER.createdAt },
  user: USER,
  applicationSlug: 'planoorder',
  roles: { ...NO_ROLES, clientId: CLIENT_ID },
  view: {},
} satisfies SessionAuth;

const browser = { ip: '203.0.113.9', userAgent: 'CaptuRE server' };

/**
 * XsoService over strict mocks. The codes repository is a small in-memory stand-in that claims
 * as the real conditional UPDATE does: once, and only while unexpired at the `now` it is given.
 * `log` records the order of the calls the redeem rules rely on, and the transaction's outcome.
 */
function build(options: { sessionWithinLimits?: boolean; noCaptureApplication?: boolean; clientInactive?: boolean } = {}) {
  const log: string[] = [];
  const clock = new FakeClock();
  const stored = new Map<string, XsoCodeEntity>();
  const codes = strictMock<XsoCodesRepository>('codes', {
    recordCode: async ({ applicationSlug, ...code }) => {
      if (applicationSlug !== CAPTURE.slug || options.noCaptureApplication) return false;
      stored.set(code.codeHash, { id: stored.size + 1, ...code, applicationId: CAPTURE.id, redeemedAt: null });
      return true;
    },
    claimCodeOnce: async (codeHash, now) => {
      log.push('claimCodeOnce');
      const row = stored.get(codeHash);
      if (!row || row.redeemedAt !== null || row.expiresAt.getTime() <= now.getTime()) return null;
      row.redeemedAt = now;
      return { ...row };
    },
  });
  const access = strictMock<ClientAccess>('access', {
    assertCanActFor: async (_caller, clientId) => {
      if (clientId !== CLIENT_ID) throw CLIENT_REFUSAL;
    },
  });
  const orders = strictMock<OrdersService>('orders', {
    isOrderOfClient: async (orderId, clientId) => orderId === ORDER_OF_CLIENT && clientId === CLIENT_ID,
    isTourOfClient: async (tourId, clientId) => tourId === TOUR_OF_CLIENT && clientId === CLIENT_ID,
  });
  const applications = strictMock<ApplicationsService>('applications', { baseUrlOf: (slug) => `https://${slug}.example.test` });
  const sessions = strictMock<SessionsService>('sessions', {
    requireApplication: async () => {
      log.push('requireApplication');
      if (options.noCaptureApplication) throw new PlanoException('invalid-param', { errors: [{ param: 'application', problem: 'not-found' }] });
      return CAPTURE;
    },
    isWithinTimeLimits: async () => {
      log.push('isWithinTimeLimits');
      return options.sessionWithinLimits ?? true;
    },
    open: async (user) => {
      log.push('open');
      return { token: `capture-session-of-user-${user.id}` } as IssuedSession;
    },
  });
  const accounts = strictMock<AccountsService>('accounts', {
    findUserById: async (id) => {
      log.push('findUserById');
      return id === USER.id ? USER : null;
    },
    rolesOf: async () => {
      log.push('rolesOf');
      return { ...NO_ROLES, clientId: CLIENT_ID, clientInactive: options.clientInactive ?? false };
    },
  });
  const transactions = loggedTransactions<Transactions>(log);
  const service = new XsoService(codes, access, orders, applications, sessions, accounts, transactions, clock, { codeTtlSeconds: CODE_TTL_SECONDS });

  /** Stores a code as if issued (for the caller's session, user and client unless overridden); answers the raw code. */
  function storeCode(overrides: Partial<XsoCodeEntity> = {}): string {
    const { token, hash } = issueToken();
    const now = clock.now();
    stored.set(hash, {
      id: stored.size + 1,
      codeHash: hash,
      userId: USER.id,
      sessionId: SESSION_ID,
      clientId: CLIENT_ID,
      applicationId: CAPTURE.id,
      target: 'home',
      orderId: null,
      tourId: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
      redeemedAt: null,
      ...overrides,
    });
    return token;
  }

  return { service, codes, access, orders, applications, sessions, accounts, clock, log, storeCode };
}

describe('XsoService.handOff', () => {
  it('checks the client through ClientAccess and lets its refusal through unchanged, issuing no code', async () => {
    const { service, access, codes } = build();
    await expect(service.handOff(caller, CLIENT_NOT_YOURS, { kind: 'home' })).rejects.toBe(CLIENT_REFUSAL);
    expect(access.assertCanActFor).toHaveBeenCalledWith(caller, CLIENT_NOT_YOURS, 'client_id');
    expect(codes.recordCode).not.toHaveBeenCalled();
  });

  it.each([
    { param: 'order_id', target: { kind: 'order', orderId: ORDER_OF_CLIENT + 1 } as const, check: 'isOrderOfClient' as const },
    { param: 'tour_id', target: { kind: 'tour', tourId: TOUR_OF_CLIENT + 1 } as const, check: 'isTourOfClient' as const },
  ])('answers $param of another client as a nonexistent one (invalid-param, not-found), issuing no code', async ({ param, target, check }) => {
    const { service, orders, codes } = build();
    const id = target.kind === 'order' ? target.orderId : target.tourId;
    await expect(refusal(service.handOff(caller, CLIENT_ID, target))).resolves.toEqual({
      slug: 'invalid-param',
      message: `${param} ${id} does not exist or is not accessible`,
      errors: [{ param, problem: 'not-found' }],
    });
    expect(orders[check]).toHaveBeenCalledWith(id, CLIENT_ID);
    expect(codes.recordCode).not.toHaveBeenCalled();
  });

  it('records the code’s hash, never the code, bound to the caller’s session and expiring the configured TTL from now', async () => {
    const { service, codes, clock } = build();
    const now = clock.now();
    const handoff = await service.handOff(caller, CLIENT_ID, { kind: 'order', orderId: ORDER_OF_CLIENT });
    const expiresAt = new Date(now.getTime() + CODE_TTL_SECONDS * 1000);
    expect(codes.recordCode).toHaveBeenCalledWith({
      codeHash: hashToken(handoff.code),
      userId: USER.id,
      sessionId: SESSION_ID,
      clientId: CLIENT_ID,
      applicationSlug: 'capture',
      target: 'order',
      orderId: ORDER_OF_CLIENT,
      tourId: null,
      createdAt: now,
      expiresAt,
    });
    expect(JSON.stringify(codes.recordCode.mock.calls)).not.toContain(handoff.code);
    expect(handoff).toMatchObject({ expires_at: expiresAt.toISOString(), client_id: CLIENT_ID, target: 'order', order_id: ORDER_OF_CLIENT });
  });

  it('answers as any route naming a missing application when no capture application exists, handing out no code', async () => {
    const { service, sessions } = build({ noCaptureApplication: true });
    await expect(refusal(service.handOff(caller, CLIENT_ID, { kind: 'home' }))).resolves.toMatchObject({
      slug: 'invalid-param',
      errors: [{ param: 'application', problem: 'not-found' }],
    });
    expect(sessions.requireApplication).toHaveBeenCalledWith('capture');
  });

  it('builds the redirect URL from the capture application’s base URL, with the code as its only param', async () => {
    const { service, applications } = build();
    const handoff = await service.handOff(caller, CLIENT_ID, { kind: 'tour', tourId: TOUR_OF_CLIENT });
    expect(applications.baseUrlOf).toHaveBeenCalledWith('capture');
    expect(handoff.redirect_url).toBe(`${CAPTURE_BASE_URL}/xso?code=${handoff.code}`);
  });
});

describe('XsoService.redeem', () => {
  it('opens a capture session for the code’s user, claiming the code and opening the session in one transaction', async () => {
    const { service, sessions, codes, clock, log } = build();
    const { code } = await service.handOff(caller, CLIENT_ID, { kind: 'tour', tourId: TOUR_OF_CLIENT });
    log.length = 0;
    await expect(service.redeem(code, browser)).resolves.toEqual({
      issued: { token: `capture-session-of-user-${USER.id}` },
      clientId: CLIENT_ID,
      target: 'tour',
      orderId: null,
      tourId: TOUR_OF_CLIENT,
    });
    expect(codes.claimCodeOnce).toHaveBeenCalledWith(hashToken(code), clock.now());
    expect(sessions.open).toHaveBeenCalledWith(USER, CAPTURE, browser);
    // The capture application needs no lock: it is read before the transaction opens.
    expect(log).toEqual(['requireApplication', 'begin', 'claimCodeOnce', 'findUserById', 'rolesOf', 'isWithinTimeLimits', 'open', 'commit']);
  });

  it('refuses a second redemption of a code with invalid-token, opening no second session', async () => {
    const { service, sessions } = build();
    const { code } = await service.handOff(caller, CLIENT_ID, { kind: 'home' });
    await service.redeem(code, browser);
    await expect(refusal(service.redeem(code, browser))).resolves.toMatchObject({ slug: 'invalid-token' });
    expect(sessions.open).toHaveBeenCalledTimes(1);
  });

  it('refuses an unknown, a malformed or an expired code with invalid-token; a malformed one never reaches the database', async () => {
    const { service, codes, clock, sessions } = build();
    await expect(refusal(service.redeem(issueToken().token, browser))).resolves.toMatchObject({ slug: 'invalid-token' });

    codes.claimCodeOnce.mockClear();
    await expect(refusal(service.redeem('not a code', browser))).resolves.toMatchObject({ slug: 'invalid-token' });
    expect(codes.claimCodeOnce).not.toHaveBeenCalled();

    const { code } = await service.handOff(caller, CLIENT_ID, { kind: 'home' });
    clock.advanceSeconds(CODE_TTL_SECONDS);
    await expect(refusal(service.redeem(code, browser))).resolves.toMatchObject({ slug: 'invalid-token' });
    expect(sessions.open).not.toHaveBeenCalled();
  });

  it('refuses a code whose user is gone, or that was issued for another application, with invalid-token', async () => {
    const { service, storeCode, sessions } = build();
    await expect(refusal(service.redeem(storeCode({ userId: 404 }), browser))).resolves.toMatchObject({ slug: 'invalid-token' });
    await expect(refusal(service.redeem(storeCode({ applicationId: CAPTURE.id + 1 }), browser))).resolves.toMatchObject({ slug: 'invalid-token' });
    expect(sessions.open).not.toHaveBeenCalled();
  });

  it('refuses a code whose session is past its time limits, or that names no session, with invalid-token: inside the claim’s transaction, whose rollback leaves the code unclaimed', async () => {
    const expired = build({ sessionWithinLimits: false });
    const code = expired.storeCode();
    await expect(refusal(expired.service.redeem(code, browser))).resolves.toMatchObject({ slug: 'invalid-token' });
    expect(expired.sessions.isWithinTimeLimits).toHaveBeenCalledWith(SESSION_ID, USER.rememberMe, expired.clock.now());
    expect(expired.log).toEqual(['requireApplication', 'begin', 'claimCodeOnce', 'findUserById', 'rolesOf', 'isWithinTimeLimits', 'rollback']);

    // A code older than the session binding names no session: it is not redeemable at all.
    const unbound = build();
    await expect(refusal(unbound.service.redeem(unbound.storeCode({ sessionId: null }), browser))).resolves.toMatchObject({ slug: 'invalid-token' });
    expect(unbound.sessions.isWithinTimeLimits).not.toHaveBeenCalled();
    expect(unbound.sessions.open).not.toHaveBeenCalled();
  });

  it('refuses the code of a client deactivated since it was issued with account-inactive, inside the transaction: the rollback leaves it unclaimed', async () => {
    const inactive = build({ clientInactive: true });
    const code = inactive.storeCode();
    await expect(refusal(inactive.service.redeem(code, browser))).resolves.toMatchObject({ slug: 'account-inactive' });
    expect(inactive.log).toEqual(['requireApplication', 'begin', 'claimCodeOnce', 'findUserById', 'rolesOf', 'rollback']);
    expect(inactive.sessions.open).not.toHaveBeenCalled();
  });
});
