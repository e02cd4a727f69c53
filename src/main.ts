// V8's heap growth first, then .env before any other module is evaluated: config namespaces read
// process.env when they load.
import './heap-growth.js';
import './config/load-env-file.js';
import { exitOnInvalidConfiguration } from './config/validate-environment.js';

exitOnInvalidConfiguration();

const { bootstrap } = await import('./bootstrap.js');
await bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'failed to start', error: message })}\n`);
  process.exit(1);
});
