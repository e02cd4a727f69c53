import { registerAs, type ConfigType } from '@nestjs/config';
import { ConfigError, EnvReader, type Env } from './env.js';

export const APPLICATION_SLUGS = ['planoauth', 'planoorder', 'planox2', 'capture'] as const;
export type ApplicationSlug = (typeof APPLICATION_SLUGS)[number];

export function readApplicationsConfig(env: Env = process.env): { baseUrls: Record<ApplicationSlug, string> } {
  const read = new EnvReader(env);
  return {
    baseUrls: {
      planoauth: url('PLANOAUTH_URL', read.string('PLANOAUTH_URL', 'http://127.0.0.1:4200')),
      planoorder: url('PLANOORDER_URL', read.string('PLANOORDER_URL', 'http://127.0.0.1:4300')),
      planox2: url('PLANOX2_URL', read.string('PLANOX2_URL', 'http://127.0.0.1:4400')),
      capture: url('CAPTURE_URL', read.string('CAPTURE_URL', 'http://127.0.0.1:4500')),
    },
  };
}

/** An application's base URL: absolute http(s), kept without a trailing slash. */
function url(variable: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(variable, 'must be an absolute http(s) URL', value);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(variable, 'must be an absolute http(s) URL', value);
  }
  return value.replace(/\/+$/, '');
}

export const applicationsConfig = registerAs('applications', () => readApplicationsConfig());
export type ApplicationsConfig = ConfigType<typeof applicationsConfig>;
