import { registerAs, type ConfigType } from '@nestjs/config';
import { ConfigError, EnvReader, type Env } from './env.js';

export const EMAIL_TRANSPORTS = ['outbox', 'mandrill'] as const;

/** MANDRILL_TIMEOUT_MS, read the same way wherever it is needed (the shutdown grace depends on it). */
export function readMandrillTimeoutMs(read: EnvReader): number {
  return read.int('MANDRILL_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 });
}

export function readEmailConfig(env: Env = process.env) {
  const read = new EnvReader(env);
  const transport = read.oneOf('EMAIL_TRANSPORT', EMAIL_TRANSPORTS, 'outbox');
  const mandrillApiKey = read.optionalString('MANDRILL_API_KEY');
  if (transport === 'mandrill' && mandrillApiKey === undefined) {
    throw new ConfigError('MANDRILL_API_KEY', 'is required when EMAIL_TRANSPORT=mandrill', '');
  }
  const mandrillBaseUrl = read.optionalString('MANDRILL_BASE_URL');
  if (mandrillBaseUrl !== undefined && !/^https?:\/\/[^/]+/.test(mandrillBaseUrl)) {
    throw new ConfigError('MANDRILL_BASE_URL', 'must be an absolute http(s) URL', mandrillBaseUrl);
  }
  return {
    /** outbox: store messages in the email_outbox table, send nothing; mandrill: send through Mandrill. */
    transport,
    mandrillApiKey: mandrillApiKey ?? null,
    /** Overrides the Mandrill API address (tests point it at a local stand-in); null = the client's default. */
    mandrillBaseUrl: mandrillBaseUrl?.replace(/\/+$/, '') ?? null,
    mandrillTimeoutMs: readMandrillTimeoutMs(read),
    fromEmail: read.string('EMAIL_FROM_ADDRESS', 'no-reply@planomatic.test'),
    fromName: read.string('EMAIL_FROM_NAME', 'PlanOmatic'),
  };
}

export const emailConfig = registerAs('email', () => readEmailConfig());
export type EmailConfig = ConfigType<typeof emailConfig>;
