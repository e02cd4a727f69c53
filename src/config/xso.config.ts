import { registerAs, type ConfigType } from '@nestjs/config';
import { EnvReader, type Env } from './env.js';

export function readXsoConfig(env: Env = process.env) {
  const read = new EnvReader(env);
  return {
    /** How long an XSO handoff code can be redeemed after it is issued. */
    codeTtlSeconds: read.int('XSO_CODE_TTL_SECONDS', 60, { min: 1, max: 3600 }),
  };
}

export const xsoConfig = registerAs('xso', () => readXsoConfig());
export type XsoConfig = ConfigType<typeof xsoConfig>;
