// Load generation (autocannon) and what one measured window of it gives: requests per second and
// latency as a client feels them, the server's CPU per request and its memory, from /proc.
import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds, eventLoopWaitSeconds, rssBytes, sampleRss } from './proc.mjs';

/** How long after a load the "RSS after" is read: what the process keeps once the burst is over. */
const SETTLE_MS = 3000;

/**
 * Sends `request` ({ method, path, headers, body, expect }) over `connections` keep-alive
 * connections for `seconds`, each connection sending its next request when the answer came.
 * Answers the response count, the latencies (ms, sorted) and the status codes seen.
 *
 * Latencies are taken from autocannon's per-response event, in fractions of a millisecond:
 * its own histogram counts whole milliseconds, too coarse for a 0.4 ms ping.
 */
export async function fire(url, request, { connections, seconds, keepLatencies = true }) {
  const latencies = [];
  const statuses = new Map();
  const started = performance.now();
  const instance = autocannon({
    url: url + request.path,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    connections,
    duration: seconds,
  });
  instance.on('response', (client, statusCode, bytes, milliseconds) => {
    if (keepLatencies) latencies.push(milliseconds);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const count = [...statuses.values()].reduce((sum, n) => sum + n, 0);
  const expected = statuses.get(request.expect ?? 200) ?? 0;
  return {
    count,
    seconds: elapsed,
    requestsPerSecond: count / elapsed,
    latencies: Float64Array.from(latencies).sort(),
    unexpected: count - expected, // answers other than the one the scenario is about (a 429 would be one)
    statuses: Object.fromEntries(statuses),
    errors: result.errors, // connection errors and timeouts
  };
}

/**
 * Runs `work()` (one or more fire() calls) while watching the server process: CPU seconds used,
 * the seconds its event loop waited for a core, and RSS peak during the work, then the RSS a few
 * seconds after it.
 */
export async function watch(server, work) {
  const cpuBefore = cpuSeconds(server.pid);
  const waitBefore = eventLoopWaitSeconds(server.pid);
  const rss = sampleRss(server.pid);
  const value = await work();
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const eventLoopWait = eventLoopWaitSeconds(server.pid) - waitBefore;
  const rssDuringLoad = rss.stop();
  await sleep(SETTLE_MS);
  return { value, cpu, eventLoopWait, rssDuringLoad, rssAfter: rssBytes(server.pid) };
}

/**
 * The usual scenario: a warm-up (JIT, connection pools, caches; its figures are dropped), then
 * the measured window. Answers the figures of a table row.
 */
export async function measure(server, request, { connections, warmupSeconds, seconds }) {
  await fire(server.url, request, { connections, seconds: warmupSeconds, keepLatencies: false });
  const watched = await watch(server, () => fire(server.url, request, { connections, seconds }));
  return figures(watched.value, watched);
}

/**
 * A scenario measured in turns with the bare Express baseline, for the "× Express" ratio: after
 * both are warm, `slices` rounds of the baseline and the scenario, `seconds / slices` each, in
 * ABBA order (E S, S E, E S, …) so a machine that speeds up or slows down during the window weighs
 * on both sides alike. On the shared 2-core machine the same build's CPU per request was seen to
 * move by half within a minute; a baseline taken minutes earlier carries that into the ratio, the
 * baseline of the neighbouring seconds mostly does not. Answers the scenario's figures (CPU and RSS
 * of its own slices) with `baseline`: the baseline's req/s and p99 over its slices.
 */
export async function measurePaired(server, request, baseline, baselineRequest, { connections, warmupSeconds, seconds, slices }) {
  await fire(baseline.url, baselineRequest, { connections, seconds: warmupSeconds, keepLatencies: false });
  await fire(server.url, request, { connections, seconds: warmupSeconds, keepLatencies: false });
  const sliceSeconds = seconds / slices;
  const scenario = [];
  const base = [];
  let cpu = 0;
  const rss = sampleRss(server.pid);
  for (let slice = 0; slice < slices; slice += 1) {
    for (const side of slice % 2 === 0 ? ['baseline', 'scenario'] : ['scenario', 'baseline']) {
      if (side === 'baseline') {
        base.push(await fire(baseline.url, baselineRequest, { connections, seconds: sliceSeconds }));
      } else {
        const before = cpuSeconds(server.pid);
        scenario.push(await fire(server.url, request, { connections, seconds: sliceSeconds }));
        cpu += cpuSeconds(server.pid) - before;
      }
    }
  }
  const rssDuringLoad = rss.stop(); // the scenario's process, idle during the baseline's slices: its peak is its own
  await sleep(SETTLE_MS);
  const baselineWindow = merged(base);
  return {
    ...figures(merged(scenario), { cpu, rssDuringLoad, rssAfter: rssBytes(server.pid) }),
    baseline: { requestsPerSecond: baselineWindow.requestsPerSecond, p99: percentile(baselineWindow.latencies, 99) },
  };
}

/** Several fire() results as one window. */
function merged(results) {
  const statuses = {};
  for (const result of results) for (const [code, n] of Object.entries(result.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const count = results.reduce((sum, result) => sum + result.count, 0);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  return {
    count,
    seconds,
    requestsPerSecond: count / seconds,
    latencies: Float64Array.from(results.flatMap((result) => Array.from(result.latencies))).sort(),
    unexpected: results.reduce((sum, result) => sum + result.unexpected, 0),
    statuses,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

/** A table row's figures from one fire() result and the watch() around it. */
export function figures(fired, { cpu, eventLoopWait = NaN, rssDuringLoad, rssAfter }) {
  return {
    requestsPerSecond: fired.requestsPerSecond,
    eventLoopWaitShare: eventLoopWait / fired.seconds, // of the window, 0…1
    p50: percentile(fired.latencies, 50),
    p99: percentile(fired.latencies, 99),
    cpuMicrosPerRequest: fired.count > 0 ? (cpu * 1e6) / fired.count : NaN,
    rssDuringLoad,
    rssAfter,
    count: fired.count,
    unexpected: fired.unexpected,
    statuses: fired.statuses,
    errors: fired.errors,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
