import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory into process.env, without overriding variables the
 * environment already sets. It runs before any other module is evaluated (first import of main.ts
 * and ormconfig.ts), because entity column types depend on DATABASE_URL at class-definition time.
 */
if (existsSync('.env')) {
  process.loadEnvFile('.env');
}
