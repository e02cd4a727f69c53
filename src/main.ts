// Loads .env before any other module is evaluated (entity column types depend on DATABASE_URL).
import './config/load-env-file.js';
import { ConfigError } from './config/env.js';
import { CONFIG_NAMESPACES } from './config/namespaces.js';

// Validate the whole environment before the app (and its entities) are even loaded.
try {
  for (const readNamespace of CONFIG_NAMESPACES) readNamespace();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'invalid configuration', variable: error.variable, error: error.message })}\n`);
  process.exit(1);
}

const { bootstrap } = await import('./bootstrap.js');
await bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'failed to start', error: message })}\n`);
  process.exit(1);
});
