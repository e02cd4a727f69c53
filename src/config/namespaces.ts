import { appConfig } from './app.config.js';
import { databaseConfig } from './database.config.js';

/**
 * Every config namespace. ConfigModule loads them, and main.ts runs each once before the app is
 * built, so a bad variable stops the process with one line naming it.
 */
export const CONFIG_NAMESPACES = [appConfig, databaseConfig];
