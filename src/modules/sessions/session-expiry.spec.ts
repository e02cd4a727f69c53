import { isSessionExpired, isTouchDue, sessionExpiresAt, type ExpiryPolicy, type SessionTimes } from './session-expiry.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

/** The contract's defaults: 7 days absolute, 72 hours idle, no remember_me cap. */
const policy: ExpiryPolicy = { maxAgeSeconds: 604_800, idleTimeoutSeconds: 259_200 };
const capped: ExpiryPolicy = { ...policy, rememberMeMaxAgeSeconds: 30 * 24 * 3600 };

const createdAt = new Date('2025-01-01T00:00:00.000Z');
const at = (msAfterCreation: number) => new Date(createdAt.getTime() + msAfterCreation);
const session = (lastUsedMsAfterCreation: number): SessionTimes => ({ createdAt, lastUsedAt: at(lastUsedMsAfterCreation) });

describe('sessionExpiresAt', () => {
  it('is the idle limit when the session was last used early', () => {
    expect(sessionExpiresAt(session(0), false, policy)).toEqual(at(3 * DAY));
    expect(sessionExpiresAt(session(2 * DAY), false, policy)).toEqual(at(5 * DAY));
  });

  it('is the absolute limit when the session was used recently enough that idle would end later', () => {
    expect(sessionExpiresAt(session(5 * DAY), false, policy)).toEqual(at(7 * DAY));
    expect(sessionExpiresAt(session(6 * DAY + 23 * HOUR), false, policy)).toEqual(at(7 * DAY));
  });

  it('takes the earlier of the two limits, whichever it is', () => {
    const shortAbsolute: ExpiryPolicy = { maxAgeSeconds: 60, idleTimeoutSeconds: 3600 };
    expect(sessionExpiresAt(session(0), false, shortAbsolute)).toEqual(at(60 * SECOND));
    const shortIdle: ExpiryPolicy = { maxAgeSeconds: 3600, idleTimeoutSeconds: 60 };
    expect(sessionExpiresAt(session(10 * SECOND), false, shortIdle)).toEqual(at(70 * SECOND));
  });

  it('is null for remember_me with no cap, however old or idle the session', () => {
    expect(sessionExpiresAt(session(0), true, policy)).toBeNull();
    expect(sessionExpiresAt(session(400 * DAY), true, policy)).toBeNull();
  });

  it('is created_at + the cap for remember_me with a cap, regardless of last use', () => {
    expect(sessionExpiresAt(session(0), true, capped)).toEqual(at(30 * DAY));
    expect(sessionExpiresAt(session(29 * DAY), true, capped)).toEqual(at(30 * DAY));
  });

  it('ignores the remember_me cap when remember_me is off', () => {
    expect(sessionExpiresAt(session(0), false, capped)).toEqual(at(3 * DAY));
  });
});

describe('isSessionExpired', () => {
  it('is not expired while both limits are ahead', () => {
    expect(isSessionExpired(session(0), false, policy, at(0))).toBe(false);
    expect(isSessionExpired(session(2 * DAY), false, policy, at(4 * DAY))).toBe(false);
  });

  it('is not expired exactly at the idle limit, but is one ms later', () => {
    expect(isSessionExpired(session(HOUR), false, policy, at(HOUR + 3 * DAY))).toBe(false);
    expect(isSessionExpired(session(HOUR), false, policy, at(HOUR + 3 * DAY + 1))).toBe(true);
  });

  it('is not expired exactly at the absolute limit, but is one ms later, even though recently used', () => {
    const recent = session(7 * DAY - SECOND);
    expect(isSessionExpired(recent, false, policy, at(7 * DAY))).toBe(false);
    expect(isSessionExpired(recent, false, policy, at(7 * DAY + 1))).toBe(true);
  });

  it('is expired by idleness long before the absolute limit', () => {
    expect(isSessionExpired(session(0), false, policy, at(4 * DAY))).toBe(true);
  });

  it('never expires for remember_me with no cap', () => {
    expect(isSessionExpired(session(0), true, policy, at(10 * 366 * DAY))).toBe(false);
  });

  it('expires a capped remember_me session just after created_at + cap, not at it', () => {
    const used = session(29 * DAY);
    expect(isSessionExpired(used, true, capped, at(30 * DAY))).toBe(false);
    expect(isSessionExpired(used, true, capped, at(30 * DAY + 1))).toBe(true);
  });

  it('does not apply the idle limit to a remember_me session', () => {
    expect(isSessionExpired(session(0), true, capped, at(10 * DAY))).toBe(false);
  });
});

describe('isTouchDue', () => {
  const lastUsed = new Date('2025-01-01T12:00:00.000Z');
  const after = (ms: number) => new Date(lastUsed.getTime() + ms);

  it('is always due with an interval of 0', () => {
    expect(isTouchDue(lastUsed, after(0), 0)).toBe(true);
    expect(isTouchDue(lastUsed, after(1), 0)).toBe(true);
  });

  it('is due at 60 s with an interval of 60, not at 59.999 s', () => {
    expect(isTouchDue(lastUsed, after(59_999), 60)).toBe(false);
    expect(isTouchDue(lastUsed, after(60_000), 60)).toBe(true);
    expect(isTouchDue(lastUsed, after(3_600_000), 60)).toBe(true);
  });

  it('is not due right after a touch', () => {
    expect(isTouchDue(lastUsed, after(0), 60)).toBe(false);
  });
});
