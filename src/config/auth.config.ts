import { availableParallelism } from 'node:os';
import { registerAs, type ConfigType } from '@nestjs/config';
import { ConfigError, EnvReader, type Env } from './env.js';

export function readAuthConfig(env: Env = process.env) {
  const read = new EnvReader(env);
  const bootstrapAdminEmail = read.optionalString('BOOTSTRAP_ADMIN_EMAIL');
  const bootstrapAdminPassword = read.optionalString('BOOTSTRAP_ADMIN_PASSWORD');
  if ((bootstrapAdminEmail === undefined) !== (bootstrapAdminPassword === undefined)) {
    const missing = bootstrapAdminEmail === undefined ? 'BOOTSTRAP_ADMIN_EMAIL' : 'BOOTSTRAP_ADMIN_PASSWORD';
    throw new ConfigError(missing, 'must be set together with its pair', '');
  }
  if (bootstrapAdminPassword !== undefined && bootstrapAdminPassword.length < 12) {
    throw new ConfigError('BOOTSTRAP_ADMIN_PASSWORD', 'must be at least 12 characters', '***');
  }
  return {
    /** Create this admin employee at start if no admin exists. */
    bootstrapAdmin:
      bootstrapAdminEmail && bootstrapAdminPassword
        ? { email: bootstrapAdminEmail.toLowerCase(), password: bootstrapAdminPassword }
        : null,
    /** Login attempts per minute per source address and email. */
    loginPerMinute: read.int('RATE_LIMIT_LOGIN_PER_MINUTE', 10, { min: 1, max: 100_000 }),
    /** Login attempts (sign-in and password changes) per minute per source address, whatever the email. */
    loginPerAddressPerMinute: read.int('RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE', 60, { min: 1, max: 100_000 }),
    /** Magic links asked for per minute per source address and email (each also counts against the per-address sign-in limit). */
    magicLinkPerMinute: read.int('RATE_LIMIT_MAGIC_LINK_PER_MINUTE', 5, { min: 1, max: 100_000 }),
    /** Registrations per minute per source address. */
    registerPerMinute: read.int('RATE_LIMIT_REGISTER_PER_MINUTE', 30, { min: 1, max: 100_000 }),
    /**
     * argon2 hashes and verifications running at once, each on a password thread of its own
     * (PasswordHasher); the rest queue. Each one keeps a core busy for tens of milliseconds, so
     * the default leaves one core to the event loop: a login storm then slows logins, not every
     * other request.
     */
    passwordHashConcurrency: read.int('PASSWORD_HASH_CONCURRENCY', Math.max(1, availableParallelism() - 1), { min: 1, max: 64 }),
  };
}

export const authConfig = registerAs('auth', () => readAuthConfig());
export type AuthConfig = ConfigType<typeof authConfig>;
