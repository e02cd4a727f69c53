import { hashToken } from '../src/common/security/opaque-token.js';
import { XsoCodeEntity } from '../src/modules/xso/entities/xso-code.entity.js';
import { applicationToken, changePassword, createUser, newUserToken, tokenFor, type TestUser } from './support/accounts.js';
import { testEngine } from './support/test-database.js';
import { bearer, createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';
import { redeemXso, xsoCode } from './support/xso-handoff.js';

/*
 * An XSO code redeems only while the session that issued it is live (CONTRACT.md §12): signing
 * out, revoking the session or changing the password (which revokes the user's other sessions)
 * also takes back the codes it handed out, so a code leaked from a session the user ended cannot
 * open a CaptuRE session afterwards.
 */

const ENV = { CAPTURE_URL: 'https://capture.example.test' };

interface Fixture {
  readonly t: TestApp;
  readonly capture: string;
  readonly client: TestUser;
}

async function fixture(env: Record<string, string> = {}): Promise<Fixture> {
  const t = await createTestApp({ env: { ...ENV, ...env } });
  const capture = await applicationToken(t, await newUserToken(t, { admin: true }), 'capture');
  return { t, capture, client: await createUser(t, { client: true }) };
}

/** A fresh session of the client, and an XSO code it issued. */
async function sessionWithCode(f: Fixture): Promise<{ token: string; code: string }> {
  const token = await tokenFor(f.t, f.client, 'planoorder');
  return { token, code: await xsoCode(f.t, token, { client_id: f.client.clientId as number }) };
}

/** Redeems the code as the fixture's CaptuRE. */
function redeem(f: Fixture, code: string) {
  return redeemXso(f.t, f.capture, { code });
}

function codeRow(f: Fixture, code: string): Promise<XsoCodeEntity> {
  return f.t.dataSource.getRepository(XsoCodeEntity).findOneByOrFail({ codeHash: hashToken(code) });
}

async function sessionIdOf(f: Fixture, token: string): Promise<number> {
  return (await getAs(f.t, '/api/v1/sessions/read', token)).body.session.id as number;
}

async function expectRefused(f: Fixture, code: string): Promise<void> {
  const response = await redeem(f, code);
  expect({ http: response.status, status: response.body.status, data: response.body.data }).toEqual({ http: 401, status: 'invalid-token', data: null });
  await expect(codeRow(f, code)).resolves.toMatchObject({ redeemedAt: null });
}

describe(`XSO codes bound to the issuing session (${testEngine()})`, () => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture();
  });

  afterAll(async () => {
    await f.t.close();
  });

  it('records the session that issued the code', async () => {
    const { token, code } = await sessionWithCode(f);
    await expect(codeRow(f, code)).resolves.toMatchObject({ sessionId: await sessionIdOf(f, token) });
  });

  it('a code of a live session redeems (control)', async () => {
    const { code } = await sessionWithCode(f);
    const response = await redeem(f, code);
    expect(response.body).toMatchObject({ status: 'action-successful', data: { client_id: f.client.clientId, target: 'home' } });
  });

  it('after logout (sessions/destroy) → invalid-token, and the code stays unredeemed', async () => {
    const { token, code } = await sessionWithCode(f);
    expect((await f.t.http.post('/api/v1/sessions/destroy').set(bearer(token))).body.status).toBe('action-successful');
    await expectRefused(f, code);
  });

  it('after sessions/revoke of the issuing session by id → invalid-token', async () => {
    const { token, code } = await sessionWithCode(f);
    const other = await tokenFor(f.t, f.client, 'planoorder');
    const revoked = await postAs(f.t, '/api/v1/sessions/revoke', other, { id: await sessionIdOf(f, token) });
    expect(revoked.body).toMatchObject({ status: 'action-successful', data: { revoked: 1 } });
    await expectRefused(f, code);
  });

  it('after sessions/revoke all_others from another session → invalid-token', async () => {
    const { code } = await sessionWithCode(f);
    const other = await tokenFor(f.t, f.client, 'planoorder');
    const revoked = await postAs(f.t, '/api/v1/sessions/revoke', other, { all_others: true });
    expect(revoked.body.status).toBe('action-successful');
    await expectRefused(f, code);
  });

  it('after a password change that revoked the session → invalid-token; the changing session’s own code still redeems', async () => {
    const user = await createUser(f.t, { client: true });
    const mine = { ...f, client: user };
    const { code: revokedCode } = await sessionWithCode(mine);
    const { token: changer, code: changerCode } = await sessionWithCode(mine);

    const changed = await changePassword(f.t, changer, { current_password: user.password, new_password: 'a-brand-new-password-123' });
    expect(changed.body).toMatchObject({ status: 'action-successful', data: { revoked_sessions: 1 } });

    await expectRefused(mine, revokedCode);
    expect((await redeem(mine, changerCode)).body.status).toBe('action-successful');
  });
});

describe(`XSO codes of a session that ran out of time (${testEngine()})`, () => {
  let f: Fixture;

  beforeAll(async () => {
    // Codes that outlive the session's idle limit, so the session can expire while its code is still valid.
    f = await fixture({ SESSION_IDLE_TIMEOUT_SECONDS: '120', SESSION_TOUCH_INTERVAL_SECONDS: '0', XSO_CODE_TTL_SECONDS: '3600' });
  });

  afterAll(async () => {
    await f.t.close();
  });

  it('a session still within its limits: the code redeems (control)', async () => {
    const { code } = await sessionWithCode(f);
    f.t.clock.advanceSeconds(100);
    expect((await redeem(f, code)).body.status).toBe('action-successful');
  });

  it('a session past its idle limit, not yet used since → invalid-token', async () => {
    const { code } = await sessionWithCode(f);
    f.t.clock.advanceSeconds(121);
    await expectRefused(f, code);
  });

  it('a session found expired by a use → invalid-token', async () => {
    const { token, code } = await sessionWithCode(f);
    f.t.clock.advanceSeconds(121);
    expect((await getAs(f.t, '/api/v1/sessions/read', token)).body.status).toBe('session-expired');
    await expectRefused(f, code);
  });
});
