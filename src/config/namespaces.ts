import { appConfig, readAppConfig } from './app.config.js';
import { applicationsConfig, readApplicationsConfig } from './applications.config.js';
import { authConfig, readAuthConfig } from './auth.config.js';
import { databaseConfig, readDatabaseConfig } from './database.config.js';
import { emailConfig, readEmailConfig } from './email.config.js';
import type { Env } from './env.js';
import { readRegistryConfig, registryConfig } from './registry.config.js';
import { readSessionsConfig, sessionsConfig } from './sessions.config.js';
import { readXsoConfig, xsoConfig } from './xso.config.js';

/**
 * Every config namespace. ConfigModule loads them, and main.ts runs each once before the app is
 * built, so a bad variable stops the process with one line naming it.
 */
export const CONFIG_NAMESPACES = [appConfig, databaseConfig, sessionsConfig, applicationsConfig, authConfig, emailConfig, registryConfig, xsoConfig];

/** The readers behind the namespaces, for checks over the whole configuration (.env.example). */
export const CONFIG_READERS: ReadonlyArray<(env: Env) => unknown> = [
  readAppConfig,
  readDatabaseConfig,
  readSessionsConfig,
  readApplicationsConfig,
  readAuthConfig,
  readEmailConfig,
  readRegistryConfig,
  readXsoConfig,
];
