import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory into process.env, without overriding variables the
 * environment already sets. It runs before any other module is evaluated (first import of main.ts
 * and ormconfig.ts), so that every config namespace sees the same environment.
 */
if (existsSync('.env')) {
  process.loadEnvFile('.env');
}
