import { registerAs, type ConfigType } from '@nestjs/config';
import { EnvReader, type Env } from './env.js';

const YEAR_SECONDS = 366 * 24 * 3600;

export function readSessionsConfig(env: Env = process.env) {
  const read = new EnvReader(env);
  return {
    /** Absolute lifetime of a session whose user has remember_me off (CONTRACT.md §4). */
    maxAgeSeconds: read.int('SESSION_MAX_AGE_SECONDS', 604_800, { min: 1, max: YEAR_SECONDS }),
    /** Idle lifetime: a session unused this long expires (remember_me off). */
    idleTimeoutSeconds: read.int('SESSION_IDLE_TIMEOUT_SECONDS', 259_200, { min: 1, max: YEAR_SECONDS }),
    /** last_used_at is written at most once per this interval per session; 0 writes on every use. */
    touchIntervalSeconds: read.int('SESSION_TOUCH_INTERVAL_SECONDS', 60, { min: 0, max: 86_400 }),
    /**
     * How long this instance may answer a token check from memory instead of the database; 0 turns
     * the cache off. Logout, revocation and password changes made on another instance take effect
     * here within this time — the same 1 s bound the registry promises, hence the maximum.
     */
    cacheTtlMs: read.int('SESSION_CACHE_TTL_MS', 500, { min: 0, max: 1000 }),
    /** How long a magic link's code can be redeemed (sessions/create_magic_link). */
    magicLinkTtlSeconds: read.int('MAGIC_LINK_TTL_SECONDS', 900, { min: 60, max: 86_400 }),
    /** Optional cap on remember_me sessions; unset means they never expire by time. */
    rememberMeMaxAgeSeconds: read.optionalInt('REMEMBER_ME_MAX_AGE_SECONDS', { min: 1, max: 10 * YEAR_SECONDS }),
  };
}

export const sessionsConfig = registerAs('sessions', () => readSessionsConfig());
export type SessionsConfig = ConfigType<typeof sessionsConfig>;
