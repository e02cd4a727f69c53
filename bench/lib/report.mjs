// The printed table: one row per scenario and round, the targets beside each row, each
// checked against the figures of the same run (nothing here is a measured number).

const MiB = 2 ** 20;
const RSS_LIMIT_MIB = 200;

/** The rows, in the order the scenarios run, with the targets that apply to each. */
const ROWS = [
  { key: 'express', label: 'baseline: bare Express 5, GET one JSON route', baseline: true },
  { key: 'unknownRoute', label: 'GET /api/v1/nothing/here (unknown route: pipeline + exception filter)', targets: [reqsVsExpress(0.7)] },
  // Yardsticks (lib/floor-app.mjs, lib/duties-app.mjs), measured as the scenarios are; no target of their own.
  {
    key: 'floorUnknownRoute',
    label: "yardstick: floor app, unknown route (naive Nest + the contract's per-request duties)",
    reference: true,
  },
  {
    key: 'dutiesUnknownRoute',
    label: "yardstick: duties app, unknown route (bare Express + the contract's per-request duties, no Nest)",
    reference: true,
  },
  { key: 'sessionsRead', label: 'GET sessions/read, Bearer token (token check)', targets: [reqsVsExpress(0.55), p99VsExpress(2)] },
  {
    key: 'floorSessionsRead',
    label: "yardstick: floor app, sessions/read (naive Nest: token guard on a prepared statement, ValidationPipe, the contract's duties; no cache)",
    reference: true,
  },
  { key: 'sessionsReadUncached', label: 'GET sessions/read, token cache off (SESSION_CACHE_TTL_MS=0): the database on every request' },
  { key: 'captureClient', label: 'GET xso/capture_client?client_id=1 (one code written per request)', targets: [reqsVsExpress(0.3)] },
  { key: 'captureClientFullSync', label: 'GET xso/capture_client, DATABASE_SQLITE_SYNCHRONOUS=full (every commit synced)' },
  // A single connection's req/s is not comparable with 50 connections' (no "× Express" for the pings).
  { key: 'pingIdle', label: 'ping GET /health, 1 connection, server idle', single: true, notes: [eventLoopWait] },
  { key: 'loginStorm', label: 'POST sessions/create, login storm (16 connections)' },
  { key: 'pingDuringStorm', label: 'ping GET /health, 1 connection, during the login storm', single: true, targets: [p99VsIdlePing(2)], notes: [eventLoopWait] },
  // The same storm on a second instance (same database) while the first is pinged: what the storm
  // costs the machine rather than the server. For scale, no target.
  { key: 'loginStormElsewhere', label: 'POST sessions/create, the login storm sent to a second instance', reference: true },
  {
    key: 'pingDuringStormElsewhere',
    label: 'ping GET /health, 1 connection, this instance signing no one in while the second takes the storm',
    single: true,
    reference: true,
    notes: [(row, round) => `p99 ÷ idle p99: ${p99OverIdlePing(row, round).toFixed(2)}×`, eventLoopWait],
  },
  {
    key: 'sessionsReadMillion',
    label: (round) => `GET sessions/read, token cache off, ${exponent(round.extraSessions)} more sessions in the table`,
    targets: [reqsVsEmptyTable(0.9)],
    notes: [(row) => `in turns with the empty table: ${perSecond(row.emptyTable.grownRequestsPerSecond)} and ${perSecond(row.emptyTable.emptyRequestsPerSecond)} req/s`],
  },
];

/** The baseline a row is compared with: the one measured in turns with it, else the round's baseline row. */
function baselineOf(row, round) {
  return row.baseline ?? round.express;
}

function timesExpress(row, round) {
  return row.requestsPerSecond / baselineOf(row, round).requestsPerSecond;
}

function reqsVsExpress(minimum) {
  return (row, round) => verdict(`req/s ≥ ${minimum.toFixed(2)}× Express`, timesExpress(row, round), (r) => r >= minimum);
}

function p99VsExpress(maximum) {
  return (row, round) => verdict(`p99 ≤ ${maximum}× Express p99`, row.p99 / baselineOf(row, round).p99, (r) => r <= maximum);
}

/** A ping row's p99 ÷ the idle ping's p99 of the same round. */
function p99OverIdlePing(row, round) {
  return row.p99 / round.pingIdle.p99;
}

function p99VsIdlePing(maximum) {
  return (row, round) => verdict(`p99 ≤ ${maximum}× idle p99 (${ms(round.pingIdle.p99)})`, p99OverIdlePing(row, round), (r) => r <= maximum);
}

/**
 * "Within 10 %": the grown table may not cost more than a tenth of the empty table's req/s (both
 * without the token cache), the two measured in turns on two servers, the empty one on a copy of
 * the database taken just before the sessions were inserted (bench.mjs grownBesideEmpty).
 */
function reqsVsEmptyTable(minimum) {
  return (row) =>
    verdict(
      `req/s within ${Math.round((1 - minimum) * 100)} % of the empty table (in turns with it)`,
      row.emptyTable.grownRequestsPerSecond / row.emptyTable.emptyRequestsPerSecond,
      (r) => r >= minimum,
    );
}

/** How much of the window the pinged server's event loop spent runnable but waiting for a core. */
function eventLoopWait(row) {
  return Number.isFinite(row.eventLoopWaitShare) ? `event loop waiting for a core ${Math.round(row.eventLoopWaitShare * 100)} % of the window` : null;
}

function rssTarget(row) {
  const worst = Math.max(row.rssDuringLoad, row.rssAfter) / MiB;
  return { text: `RSS ≤ ${RSS_LIMIT_MIB} MiB`, met: worst <= RSS_LIMIT_MIB, actual: `${Math.round(worst)} MiB` };
}

/** A checked target as the report prints it: "what: actual met", or **unmet**. */
function checkText(check) {
  return `${check.text}: ${check.actual} ${check.met ? 'met' : '**unmet**'}`;
}

function verdict(text, ratio, isMet) {
  return { text, met: isMet(ratio), actual: `${ratio.toFixed(2)}×` };
}

/** Answers { markdown, invalid, met, total } for the rounds' results. */
export function table(rounds) {
  const showRound = rounds.some((round) => round.round > 1);
  const header = ['engine', ...(showRound ? ['round'] : []), 'scenario', 'req/s', '× Express', 'p50', 'p99', 'server CPU / req', 'RSS load / after', 'targets (from the issue); notes'];
  const lines = [row(header), row(header.map((_, i) => (i >= header.indexOf('req/s') && i < header.length - 1 ? '---:' : '---')))];
  let met = 0;
  let total = 0;
  let invalid = 0;
  for (const round of rounds) {
    for (const definition of ROWS) {
      const figures = round[definition.key];
      if (!figures) continue;
      const checks = definition.baseline || definition.reference ? [] : [...(definition.targets ?? []).map((target) => target(figures, round)), rssTarget(figures)];
      met += checks.filter((check) => check.met).length;
      total += checks.length;
      const problem = measurementProblem(figures);
      if (problem) invalid += 1;
      lines.push(
        row([
          round.engine,
          ...(showRound ? [String(round.round)] : []),
          typeof definition.label === 'function' ? definition.label(round) : definition.label,
          perSecond(figures.requestsPerSecond),
          definition.single ? '—' : `${timesExpress(figures, round).toFixed(2)}×`,
          ms(figures.p50),
          ms(figures.p99),
          Number.isFinite(figures.cpuMicrosPerRequest) ? `${Math.round(figures.cpuMicrosPerRequest).toLocaleString('en-US')} µs` : '—',
          `${Math.round(figures.rssDuringLoad / MiB)} / ${Math.round(figures.rssAfter / MiB)} MiB`,
          [
            ...checks.map(checkText),
            ...(definition.notes ?? []).map((note) => note(figures, round)).filter(Boolean),
            ...(problem ? [problem] : []),
          ].join('; ') || '—',
        ]),
      );
    }
  }
  return { markdown: lines.join('\n'), met, total, invalid };
}

/** Why a row's figures are not to be trusted: answers other than the expected one, or connection errors. */
function measurementProblem(figures) {
  const problems = [];
  if (figures.count === 0) problems.push('no answer within the window (make BENCH_DURATION longer)');
  if (figures.unexpected > 0) problems.push(`${figures.unexpected} unexpected answers ${JSON.stringify(figures.statuses)}`);
  if (figures.errors > 0) problems.push(`${figures.errors} connection errors`);
  return problems.length > 0 ? `INVALID: ${problems.join(', ')}` : null;
}

/**
 * "No growth over a 4-minute run". A server's RSS is not flat under load: it climbs a few MiB as
 * V8 lets the old space fill towards its next full collection (src/heap-growth.ts), and a single
 * sample can dip 15 MiB when the collector hands pages back. So the soak compares halves, not
 * samples: the median of the run's second half against the median of its first. On PostgreSQL,
 * in 4-minute windows of a 16-minute soak, that moved between -1 and +4 MiB, while the live heap
 * after a forced full collection each minute stayed within 1 MiB. The halves' medians lie about two
 * minutes apart: at the soak's 8,000–11,000 requests a second, a leak of 4–5 bytes a request moves
 * them apart by the limit.
 */
const SOAK_GROWTH_LIMIT_MIB = 5;

/** The soak's checks (RSS ≤ 200 MiB, no growth) and its line: RSS every 30 s, the halves' medians. */
export function soakReport({ engine, minutes, samples, everyNthPrinted, requestsPerSecond }) {
  const mib = samples.map((sample) => sample.rss / MiB);
  if (mib.length < 2) {
    const tooShort = { text: 'soak', met: false, actual: 'fewer than two RSS samples (make BENCH_SOAK_MINUTES longer)' };
    return { text: `Soak (${engine}): ${tooShort.actual}`, checks: [tooShort] };
  }
  const half = Math.floor(mib.length / 2);
  const [firstHalf, secondHalf] = [median(mib.slice(0, half)), median(mib.slice(mib.length - half))];
  const growth = secondHalf - firstHalf;
  const peak = Math.max(...mib);
  const checks = [
    { text: `RSS ≤ ${RSS_LIMIT_MIB} MiB`, met: peak <= RSS_LIMIT_MIB, actual: `${Math.round(peak)} MiB at most` },
    {
      text: `no growth: the second half's median RSS at most ${SOAK_GROWTH_LIMIT_MIB} MiB above the first half's`,
      met: growth <= SOAK_GROWTH_LIMIT_MIB,
      actual: `${Math.round(firstHalf)} → ${Math.round(secondHalf)} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)})`,
    },
  ];
  const printed = mib.filter((_, i) => (i + 1) % everyNthPrinted === 0).map(Math.round);
  const text =
    `Soak (${engine}): GET sessions/read for ${minutes} min, ${perSecond(requestsPerSecond)} req/s; ` +
    (printed.length > 0 ? `RSS every 30 s: ${printed.join(', ')} MiB; ` : '') +
    checks.map(checkText).join('; ');
  return { text, checks };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** 1000000 → "10^6"; a count that is no power of ten as it is. */
function exponent(count) {
  const power = Math.log10(count);
  return Number.isInteger(power) ? `10^${power}` : count.toLocaleString('en-US');
}

function perSecond(value) {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value) {
  if (!Number.isFinite(value)) return '—';
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}
