// The processes under test: the built Plano server, the bare Express baseline, and the seed.
//
// Each scenario gets a server process of its own, started here and stopped after it: one
// scenario's heap, JIT state and caches do not leak into the next one's figures, and the RSS
// read during a scenario is that scenario's.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';

/** Processes still running, stopped by stopAllServers() when the bench is interrupted. */
const running = new Set();

/** The same one-JSON-route app as Plano's cheapest answer, on the checkout's own Express 5. */
const BARE_EXPRESS = `
  import express from 'express';
  const app = express();
  app.get('/health', (req, res) => res.set('X-Request-Id', '1').json({ status: 'ok' }));
  app.listen(Number(process.env.PORT), process.env.HOST);
`;

/** Environment of the Plano server under test, on top of the caller's. */
function planoEnvironment(databaseUrl) {
  return {
    DATABASE_URL: databaseUrl,
    HOST,
    // As in production: JSON log lines at info, written to stdout (here /dev/null, as to a collector).
    LOG_LEVEL: 'info',
    EMAIL_TRANSPORT: 'outbox',
    // The login limits (10 per minute per address and email, 60 per address) guard against
    // password guessing. The login storm signs one user in from one address hundreds of times a
    // minute on purpose: with the defaults it would measure the limiter's 429s, so they are raised
    // to the configuration's maximum and the storm measures argon2 and the session insert.
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '100000',
  };
}

/** The built server on `databaseUrl`; `settings` are scenario-specific variables (a cache turned off, say). */
export function startPlano(databaseUrl, settings = {}) {
  return startServer('plano', ['dist/src/main.js'], { ...planoEnvironment(databaseUrl), ...settings });
}

/**
 * The floor (lib/floor-app.mjs): a naive Nest app doing only the contract's per-request duties and
 * the token lookup, on the same database. A yardstick beside Plano's rows, with no target of its own.
 */
export function startFloor(databaseUrl) {
  return startServer('floor', [fileURLToPath(new URL('./floor-app.mjs', import.meta.url))], { DATABASE_URL: databaseUrl, HOST });
}

/**
 * The duties app (lib/duties-app.mjs): bare Express doing the contract's per-request duties and
 * answering every path with route-non-existent. A yardstick for the unknown route, with no target.
 */
export function startDutiesApp() {
  return startServer('duties', [fileURLToPath(new URL('./duties-app.mjs', import.meta.url))], { HOST });
}

export function startBareExpress() {
  return startServer('express', ['--input-type=module', '-e', BARE_EXPRESS], { HOST });
}

/** Loads the demo data (users, clients, orders) as `npm run seed` does, into `databaseUrl`. */
export async function seed(databaseUrl) {
  const child = spawn(process.execPath, ['dist/src/seed.js'], {
    env: { ...process.env, ...planoEnvironment(databaseUrl) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the seed exited with code ${code}`);
}

/**
 * Starts `node <args>` on a free loopback port and waits until GET /health answers.
 * Its stdout goes to /dev/null (the log is not what is measured); stderr stays visible.
 */
async function startServer(name, args, env) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const server = {
    name,
    pid: child.pid,
    url: `http://${HOST}:${port}`,
    async stop() {
      running.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(forced);
    },
  };
  running.add(server);
  try {
    await waitUntilUp(server, exited);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Runs `work(server)` on a freshly started server, and stops the server whatever happens. */
export async function withServer(start, work) {
  const server = await start();
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

export async function stopAllServers() {
  await Promise.all([...running].map((server) => server.stop()));
}

async function waitUntilUp(server, exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (gone) throw new Error(`${server.name} exited before it answered`);
    try {
      const response = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${server.name} did not answer GET /health within a minute`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
