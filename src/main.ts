// Loads .env before any other module is evaluated (entity column types depend on DATABASE_URL).
import './config/load-env-file.js';
import { exitOnInvalidConfiguration } from './config/validate-environment.js';

exitOnInvalidConfiguration();

const { bootstrap } = await import('./bootstrap.js');
await bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'failed to start', error: message })}\n`);
  process.exit(1);
});
