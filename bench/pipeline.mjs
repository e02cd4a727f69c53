#!/usr/bin/env node
// Pipeline cost per request, measured on the built server as it runs in production.
//
//   npm run bench            (builds first; BENCH_REQUESTS, BENCH_CONCURRENCY to change the load)
//
// Starts `node dist/src/main.js` on an embedded SQLite database in a temp folder, with its JSON
// log going to /dev/null as it would to a log collector, and drives it over loopback with a
// keep-alive client. The server's CPU time per request is read from /proc/<pid>/stat, so the
// client's own work is not counted. A bare Express 5 server answering one JSON route is measured
// the same way first: absolute figures depend on the machine and its load, the ratio to that
// baseline much less.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

const BARE_EXPRESS = `
  import express from 'express';
  const app = express();
  app.get('/health', (req, res) => res.set('X-Request-Id', '1').json({ status: 'ok' }));
  app.listen(Number(process.env.PORT), '127.0.0.1');
`;

const PLANO_SCENARIOS = [
  { name: 'GET /health (pipeline + database ping)', method: 'GET', path: '/health' },
  { name: 'GET unknown route (pipeline + exception filter)', method: 'GET', path: '/api/v1/nothing/here' },
  {
    name: 'POST unreadable content type (rejected at body reading)',
    method: 'POST',
    path: '/api/v1/nothing/here',
    headers: { 'content-type': 'application/xml', 'content-length': '4' },
    body: '<a/>',
  },
];

const directory = mkdtempSync(join(tmpdir(), 'plano-bench-'));
try {
  console.log(`Plano pipeline benchmark: ${REQUESTS} requests per scenario, concurrency ${CONCURRENCY}, node ${process.version}\n`);
  const [baseline] = await measure(['--input-type=module', '-e', BARE_EXPRESS], {}, [
    { name: 'baseline: bare Express 5, one JSON route', method: 'GET', path: '/health' },
  ]);
  await measure(
    ['dist/src/main.js'],
    { DATABASE_URL: `sqlite:${join(directory, 'bench.sqlite')}`, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    PLANO_SCENARIOS,
    baseline,
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}

/** The hot path every app hits: a token check on a session route. Registers a user for the token. */
async function signedInScenarios(target) {
  const params = { email: `bench${Date.now()}@example.com`, password: 'bench-password-123', first_name: 'B', last_name: 'M' };
  const body = Buffer.from(JSON.stringify(params)).toString('base64');
  const token = await new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: target.port, method: 'POST', path: '/api/v1/users/register', agent: target.agent,
        headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const envelope = JSON.parse(text);
          envelope.status === 'action-successful' ? resolve(envelope.data.token) : reject(new Error(text));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return [
    {
      name: 'GET /api/v1/sessions/read (token guard + roles, session touched at most once a minute)',
      method: 'GET',
      path: '/api/v1/sessions/read',
      headers: { authorization: `Bearer ${token}` },
    },
  ];
}

async function measure(args, env, scenarios, baseline) {
  const port = await freePort();
  const server = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = { port, agent };
  const results = [];
  try {
    await waitUntilUp(target);
    if (baseline) scenarios = [...scenarios, ...(await signedInScenarios(target))];
    for (const scenario of scenarios) {
      await drive(target, scenario, Math.min(2000, REQUESTS)); // warm up the JIT and the connections
      const cpuBefore = cpuSeconds(server.pid);
      const started = process.hrtime.bigint();
      await drive(target, scenario, REQUESTS);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuMicros = ((cpuSeconds(server.pid) - cpuBefore) * 1e6) / REQUESTS;
      const ratio = baseline ? ` (${(cpuMicros / baseline).toFixed(1)}× baseline)` : '';
      console.log(
        `${scenario.name}\n  server CPU ${cpuMicros.toFixed(0)} µs/request${ratio}, ` +
          `${(REQUESTS / seconds).toFixed(0)} requests/s, RSS ${(rssBytes(server.pid) / 2 ** 20).toFixed(0)} MiB`,
      );
      results.push(cpuMicros);
    }
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  return results;
}

async function drive(target, scenario, count) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await request(target, scenario);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

function request({ port, agent }, { method, path, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.headers['x-request-id'] ? resolve() : reject(new Error('no X-Request-Id'))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUntilUp(target) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      await request(target, { method: 'GET', path: '/health' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('the server did not start');
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND; // utime + stime
}

function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
