import { registerAs, type ConfigType } from '@nestjs/config';
import { readMandrillTimeoutMs } from './email.config.js';
import { ConfigError, EnvReader, type Env } from './env.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function readAppConfig(env: Env = process.env) {
  const read = new EnvReader(env);
  // A request may be waiting for Mandrill when SIGTERM comes: the grace must outlast that wait,
  // or the process exits mid-registration (CONTRACT.md §12).
  const mandrillTimeoutMs = readMandrillTimeoutMs(read);
  const shutdownGraceMs = read.int('SHUTDOWN_GRACE_MS', mandrillTimeoutMs + 5000, { min: 1000, max: 600_000 });
  if (shutdownGraceMs <= mandrillTimeoutMs) {
    throw new ConfigError('SHUTDOWN_GRACE_MS', `must be longer than MANDRILL_TIMEOUT_MS (${mandrillTimeoutMs})`, String(shutdownGraceMs));
  }
  return {
    port: read.int('PORT', 3000, { min: 0, max: 65535 }),
    /** Loopback by default, so a quick start never exposes the server to the network. */
    host: read.string('HOST', '127.0.0.1'),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 102_400, { min: 1, max: 64 * 1024 * 1024 }),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    /** Express `trust proxy` hops, so `req.ip` is the caller's address behind a load balancer. */
    trustProxyHops: read.int('TRUST_PROXY_HOPS', 0, { min: 0, max: 10 }),
    /** After SIGTERM, how long in-flight requests get to finish before the process exits anyway. */
    shutdownGraceMs,
    /**
     * How long a client may take to send a whole request, head and body; a request that stalls is
     * then answered invalid-encoded-params and its connection closed (CONTRACT.md §12). Never 0:
     * a stalled body must not hold a connection for ever.
     */
    requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', 30_000, { min: 1000, max: 3_600_000 }),
  };
}

export const appConfig = registerAs('app', () => readAppConfig());
export type AppConfig = ConfigType<typeof appConfig>;
