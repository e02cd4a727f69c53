import { registerAs, type ConfigType } from '@nestjs/config';
import { EnvReader, type Env } from './env.js';

export function readRegistryConfig(env: Env = process.env) {
  const read = new EnvReader(env);
  return {
    /** Whether routes and services the app finds at start without a record are created deployed. */
    autoDeploy: read.bool('ROUTES_AUTO_DEPLOY', true),
    /** How often each instance checks the registry's version for changes made elsewhere. */
    pollIntervalMs: read.int('REGISTRY_POLL_INTERVAL_MS', 250, { min: 50, max: 60_000 }),
  };
}

export const registryConfig = registerAs('registry', () => readRegistryConfig());
export type RegistryConfig = ConfigType<typeof registryConfig>;
