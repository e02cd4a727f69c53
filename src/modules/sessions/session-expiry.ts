/** The time limits of sessions (CONTRACT.md §4), from the sessions config. */
export interface ExpiryPolicy {
  readonly maxAgeSeconds: number;
  readonly idleTimeoutSeconds: number;
  /** Cap on remember_me sessions; undefined = they never expire by time. */
  readonly rememberMeMaxAgeSeconds?: number;
}

export interface SessionTimes {
  readonly createdAt: Date;
  readonly lastUsedAt: Date;
}

/**
 * When the session expires: the earlier of its absolute and idle limits, or, while the user's
 * remember_me holds, the operator's cap (null when there is none).
 */
export function sessionExpiresAt(session: SessionTimes, rememberMe: boolean, policy: ExpiryPolicy): Date | null {
  if (rememberMe) {
    return policy.rememberMeMaxAgeSeconds === undefined ? null : addSeconds(session.createdAt, policy.rememberMeMaxAgeSeconds);
  }
  const absolute = addSeconds(session.createdAt, policy.maxAgeSeconds);
  const idle = addSeconds(session.lastUsedAt, policy.idleTimeoutSeconds);
  return absolute < idle ? absolute : idle;
}

/** Expired once `now` is past the limit: `now - created_at > max` (and the like) in the contract's words. */
export function isSessionExpired(session: SessionTimes, rememberMe: boolean, policy: ExpiryPolicy, now: Date): boolean {
  const expiresAt = sessionExpiresAt(session, rememberMe, policy);
  return expiresAt !== null && now.getTime() > expiresAt.getTime();
}

/** Whether a use at `now` should write last_used_at (at most once per interval; 0 = always). */
export function isTouchDue(lastUsedAt: Date, now: Date, touchIntervalSeconds: number): boolean {
  return now.getTime() - lastUsedAt.getTime() >= touchIntervalSeconds * 1000;
}

function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
