#!/usr/bin/env node
// What users feel, next to bare Express, in one run:
//
//   npm run bench                                     (builds first; SQLite)
//   BENCH_POSTGRES_URL=postgres://admin:pw@127.0.0.1:5432/postgres npm run bench   (SQLite, then PostgreSQL)
//
//   BENCH_DURATION=10      measured seconds per scenario      BENCH_WARMUP=3   warm-up seconds before each
//   BENCH_CONNECTIONS=50   connections (the login storm: 16)  BENCH_ROUNDS=1   rounds (each on a fresh database)
//   BENCH_SOAK_MINUTES=4   then sessions/read that long, RSS checked for growth (off by default)
//   BENCH_SLICES=4         turns of baseline and scenario per measured window (see measurePaired)
//
// Each scenario runs against a server process of its own: the built server (`node dist/src/main.js`)
// on a temp database loaded with the demo data, JSON log at info to /dev/null. autocannon drives it
// over loopback with keep-alive connections; the server's CPU and RSS come from /proc (lib/proc.mjs).
// Two rows run the floor app instead (lib/floor-app.mjs: the naive Nest yardstick with the
// contract's per-request duties), on the same database, and one the duties app (lib/duties-app.mjs:
// the same duties in bare Express, no Nest), for scale; they carry no target.
// The table printed at the end carries the targets beside each row, checked on this run.
import { availableParallelism } from 'node:os';
import { createPostgresDatabase, createSqliteDatabase } from './lib/databases.mjs';
import { figures, fire, measure, measurePaired, watch } from './lib/load.mjs';
import { rssBytes } from './lib/proc.mjs';
import { soakReport, table } from './lib/report.mjs';
import { seed, startBareExpress, startDutiesApp, startFloor, startPlano, stopAllServers, withServer } from './lib/servers.mjs';

const SECONDS = numberFrom('BENCH_DURATION', 10);
const WARMUP_SECONDS = numberFrom('BENCH_WARMUP', 3);
const CONNECTIONS = numberFrom('BENCH_CONNECTIONS', 50);
const ROUNDS = Math.max(1, Math.floor(numberFrom('BENCH_ROUNDS', 1)));
const SOAK_MINUTES = numberFrom('BENCH_SOAK_MINUTES', 0);
/** Turns of baseline and scenario a measured window is cut into (lib/load.mjs measurePaired). */
const SLICES = Math.max(1, Math.floor(numberFrom('BENCH_SLICES', 4)));
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL;
/** "A big sessions table": how many sessions are added before the last scenario. */
const EXTRA_SESSIONS = numberFrom('BENCH_EXTRA_SESSIONS', 1_000_000);
/** Sign-ins are argon2-bound: 16 concurrent ones already queue on two cores. */
const STORM_CONNECTIONS = 16;
/** The soak reads RSS every 5 s (what its growth check takes medians of) and prints every 30 s. */
const SOAK_SAMPLE_MS = 5_000;
const SOAK_SAMPLES_PRINTED_EVERY = 6;

// --- The requests (the demo data's client: README "Demo logins") ---
const CLIENT_LOGIN = { email: 'client@plano.test', password: 'demo-client-pass', application: 'planoorder' };
const HEALTH = { path: '/health' };
const UNKNOWN_ROUTE = { path: '/api/v1/nothing/here', expect: 500 }; // route-non-existent answers 500 (the status catalogue)
const LOGIN = {
  method: 'POST',
  path: '/api/v1/sessions/create',
  // Sensitive params travel only as base64 of the JSON object, as text/plain.
  headers: { 'content-type': 'text/plain' },
  body: Buffer.from(JSON.stringify(CLIENT_LOGIN)).toString('base64'),
};
const sessionsRead = (token) => ({ path: '/api/v1/sessions/read', headers: { authorization: `Bearer ${token}` } });
const captureClient = (token) => ({
  path: '/api/v1/xso/capture_client?client_id=1',
  headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, // JSON answer, not the browser's 302
});

const LOAD = { connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS };

/** What an interrupted run must still remove: the current temp database. */
let currentDatabase = null;
process.once('SIGINT', () => void interrupted());
process.once('SIGTERM', () => void interrupted());

const engines = [['sqlite', createSqliteDatabase], ...(POSTGRES_ADMIN_URL ? [['postgres', () => createPostgresDatabase(POSTGRES_ADMIN_URL)]] : [])];
printHeader(engines.map(([engine]) => engine));

const rounds = [];
const soaks = [];
for (const [, createDatabase] of engines) {
  for (let round = 1; round <= ROUNDS; round += 1) {
    currentDatabase = await createDatabase();
    try {
      const results = await benchRound(currentDatabase, round);
      rounds.push(results);
      if (SOAK_MINUTES > 0 && round === ROUNDS) soaks.push(await soakOn(currentDatabase, results.token));
    } finally {
      await currentDatabase.drop();
      currentDatabase = null;
    }
  }
}

const report = table(rounds);
const soakReports = soaks.map(soakReport);
const soakChecks = soakReports.flatMap((soak) => soak.checks);
const met = report.met + soakChecks.filter((check) => check.met).length;
console.log(`\n${report.markdown}\n`);
for (const soak of soakReports) console.log(`${soak.text}\n`);
console.log(`${met} of ${report.total + soakChecks.length} targets met. Compare ratios, not absolute figures: those follow the machine and its load.`);
if (report.invalid > 0) {
  console.error(`\n${report.invalid} row(s) marked INVALID: the server answered something else than the scenario measures.`);
  process.exitCode = 1;
}

/**
 * One round on one engine: every scenario, each on its own server process, in a fixed order.
 * Absolute req/s follow the machine and whatever else runs on it (the same build's CPU per request
 * moved by half within a minute on the shared 2-core box), so every "× Express" is taken against
 * the bare Express baseline measured in turns with the scenario itself (measurePaired), on one
 * baseline process kept for the round. The baseline row of its own comes first, for reference.
 */
async function benchRound(database, round) {
  const baseline = await startBareExpress();
  try {
    return await benchRoundAgainst(database, round, baseline);
  } finally {
    await baseline.stop();
  }
}

async function benchRoundAgainst(database, round, baseline) {
  const results = { engine: database.engine, round, extraSessions: EXTRA_SESSIONS };
  progress(`${database.engine}, round ${round}: seeding the demo data`);
  await seed(database.url);
  await database.afterSeed();
  const plano = () => startPlano(database.url);
  // The token check without its cache: the database on every request, what a burst of requests
  // that each carry a different token costs.
  const planoWithoutTokenCache = () => startPlano(database.url, { SESSION_CACHE_TTL_MS: '0' });

  progress('baseline: bare Express 5');
  results.express = await measure(baseline, HEALTH, LOAD);
  const paired = (request) => (server) => measurePaired(server, request, baseline, HEALTH, { ...LOAD, slices: SLICES });

  const floor = () => startFloor(database.url);

  progress('unknown route');
  results.unknownRoute = await withServer(plano, paired(UNKNOWN_ROUTE));
  progress('unknown route, the floor app');
  results.floorUnknownRoute = await withServer(floor, paired(UNKNOWN_ROUTE));
  progress('unknown route, the duties app');
  results.dutiesUnknownRoute = await withServer(startDutiesApp, paired(UNKNOWN_ROUTE));

  // On a server of its own: a sign-in runs argon2, whose memory and code paths would otherwise
  // be in the figures of one sessions/read run (the empty table's) and not the other.
  progress('signing the demo client in, as an app does');
  results.token = await withServer(plano, signIn);

  progress('sessions/read');
  results.sessionsRead = await withServer(plano, paired(sessionsRead(results.token)));
  progress('sessions/read, the floor app');
  results.floorSessionsRead = await withServer(floor, paired(sessionsRead(results.token)));

  progress('sessions/read, token cache off');
  results.sessionsReadUncached = await withServer(planoWithoutTokenCache, paired(sessionsRead(results.token)));

  progress('xso/capture_client');
  results.captureClient = await withServer(plano, paired(captureClient(results.token)));

  if (database.engine === 'sqlite') {
    // What DATABASE_SQLITE_SYNCHRONOUS=normal (the default) saves: the same writes, each commit synced.
    progress('xso/capture_client, synchronous=FULL');
    const planoFullSync = () => startPlano(database.url, { DATABASE_SQLITE_SYNCHRONOUS: 'full' });
    results.captureClientFullSync = await withServer(planoFullSync, paired(captureClient(results.token)));
  }

  progress('ping idle, then the login storm with the ping alongside, then the storm on a second instance');
  Object.assign(results, await withServer(plano, (server) => loginStorm(server, plano)));

  // The empty table the grown one is compared with: a copy of the database as it is now.
  const emptyTwin = await database.twin();
  progress(`inserting ${EXTRA_SESSIONS.toLocaleString('en-US')} sessions with SQL (server stopped)`);
  const started = performance.now();
  const sessions = await database.insertSessions(EXTRA_SESSIONS);
  progress(`  ${sessions.toLocaleString('en-US')} sessions in the table, inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Without the cache, so that every request looks the token up in the grown table.
  progress('sessions/read on the grown table, token cache off: beside Express, then beside the empty table');
  results.sessionsReadMillion = await withServer(planoWithoutTokenCache, async (grown) => ({
    ...(await paired(sessionsRead(results.token))(grown)),
    emptyTable: await withServer(
      () => startPlano(emptyTwin.url, { SESSION_CACHE_TTL_MS: '0' }),
      (empty) => grownBesideEmpty(grown, empty, sessionsRead(results.token)),
    ),
  }));
  return results;
}

/**
 * "Within 10 % of the empty table": the grown table's server and the empty twin's, measured in
 * turns (measurePaired, the twin in the baseline's place), so that both see the same seconds of
 * the machine. Compared through two Express ratios taken minutes apart, the check moved by as much
 * as the 10 % it judges (0.89× and 1.03× in two rounds of one run, on the same build).
 */
async function grownBesideEmpty(grown, empty, request) {
  const besideEmpty = await measurePaired(grown, request, empty, request, { ...LOAD, slices: SLICES });
  return { grownRequestsPerSecond: besideEmpty.requestsPerSecond, emptyRequestsPerSecond: besideEmpty.baseline.requestsPerSecond };
}

/**
 * The login storm: 16 connections signing in back to back, and meanwhile one connection pinging
 * /health, what a load balancer does. Sign-ins hash with argon2 (memory-hard, on the server's
 * password thread); the question is whether the rest of the server still answers. The ping's p99
 * is compared with the same ping on the same server idle, measured just before.
 *
 * Then the same storm is sent to a second instance (`startOther`, same database) while the first
 * is pinged: that instance signs no one in, so what its ping still loses is what the storm costs
 * the machine (its two cores, shared with the load generator), not what it costs the server.
 */
async function loginStorm(server, startOther) {
  const ping = (seconds, keepLatencies = true) => fire(server.url, HEALTH, { connections: 1, seconds, keepLatencies });
  const storm = (target, seconds = SECONDS, keepLatencies = true) => fire(target.url, LOGIN, { connections: STORM_CONNECTIONS, seconds, keepLatencies });
  await ping(WARMUP_SECONDS, false);
  const idle = await watch(server, () => ping(SECONDS));
  const pingIdle = figures(idle.value, idle);

  await storm(server, WARMUP_SECONDS, false);
  const during = await watch(server, () => Promise.all([storm(server), ping(SECONDS)]));
  const [signIns, pinged] = during.value;
  // The window's CPU is the sign-ins' and the pings': the pings' share is taken at their idle cost,
  // the rest is the sign-ins'. The ping row gets no CPU figure of its own.
  const pingCpu = (pinged.count * pingIdle.cpuMicrosPerRequest) / 1e6;

  // Both servers watched: the second's CPU is all sign-ins', the first's all pings'.
  const onOther = await withServer(startOther, async (other) => {
    await storm(other, WARMUP_SECONDS, false);
    return watch(other, () => watch(server, () => Promise.all([storm(other), ping(SECONDS)])));
  });
  const onFirst = onOther.value;
  return {
    pingIdle,
    loginStorm: figures(signIns, { ...during, cpu: Math.max(0, during.cpu - pingCpu) }),
    pingDuringStorm: figures(pinged, { ...during, cpu: NaN }),
    loginStormElsewhere: figures(onFirst.value[0], onOther),
    pingDuringStormElsewhere: figures(onFirst.value[1], onFirst),
  };
}

/** BENCH_SOAK_MINUTES: sessions/read for that long on one server, its RSS every 5 s (growth check). */
async function soakOn(database, token) {
  progress(`${database.engine}: soak, sessions/read for ${SOAK_MINUTES} min`);
  return withServer(
    () => startPlano(database.url),
    async (server) => {
      await fire(server.url, sessionsRead(token), { connections: CONNECTIONS, seconds: WARMUP_SECONDS, keepLatencies: false });
      const samples = [];
      const started = performance.now();
      const timer = setInterval(() => {
        const sample = { seconds: Math.round((performance.now() - started) / 1000), rss: rssBytes(server.pid) };
        samples.push(sample);
        if (samples.length % SOAK_SAMPLES_PRINTED_EVERY === 0) progress(`  soak ${sample.seconds} s: RSS ${Math.round(sample.rss / 2 ** 20)} MiB`);
      }, SOAK_SAMPLE_MS);
      try {
        const fired = await fire(server.url, sessionsRead(token), { connections: CONNECTIONS, seconds: SOAK_MINUTES * 60, keepLatencies: false });
        return { engine: database.engine, minutes: SOAK_MINUTES, samples, everyNthPrinted: SOAK_SAMPLES_PRINTED_EVERY, requestsPerSecond: fired.requestsPerSecond };
      } finally {
        clearInterval(timer);
      }
    },
  );
}

/** Signs the demo client in the way an app does, and answers the bearer token. */
async function signIn(server) {
  const response = await fetch(server.url + LOGIN.path, { method: 'POST', headers: LOGIN.headers, body: LOGIN.body });
  const envelope = await response.json();
  if (envelope.status !== 'action-successful') throw new Error(`sign-in failed: ${JSON.stringify(envelope)}`);
  return envelope.data.token;
}

function printHeader(engineNames) {
  // Per round on SQLite: the baseline's window, ten scenarios measured in turns with another
  // server (two warm-ups and two measured windows each; three of them the yardstick apps', one the
  // grown table beside the empty one) and the storm's three (idle ping, storm, storm on the second
  // instance); each watched server's figures then settle 3 s.
  const perRound = (1 + 2 * 10 + 3) * (WARMUP_SECONDS + SECONDS) + 15 * 3;
  console.log(
    `Plano benchmark, ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${availableParallelism()} cores; ` +
      `${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per scenario, ${CONNECTIONS} connections (login storm: ${STORM_CONNECTIONS}), ` +
      `${ROUNDS} round(s) on ${engineNames.join(' and ')} (≈ ${Math.ceil(perRound / 60)} min of load per round, plus server starts and the inserts)`,
  );
}

function progress(message) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function interrupted() {
  progress('interrupted: stopping the servers and removing the temp database');
  await stopAllServers();
  await currentDatabase?.drop().catch(() => {});
  process.exit(130);
}

function numberFrom(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got ${raw}`);
  return value;
}
