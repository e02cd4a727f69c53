#!/usr/bin/env node
// `npm test`: the whole suite, as CI runs it.
//   1. type check (src, test, bench) — also enforces the compile-time guarantees (unmapped slugs);
//   then the build, and the OpenAPI lint (`npm run openapi:lint`: the served document, Redocly, 0 errors);
//   2. unit specs;
//   3. the e2e suite on SQLite;
//   4. the same e2e suite on PostgreSQL, when PLANO_TEST_POSTGRES_URL names a server on which we may
//      create and drop databases (`.ci/run` starts one). Without it this step is skipped, and says so.
// Arguments after `npm test --` go to every Jest run (a test name pattern, test paths). A path
// selects files in whichever project holds them; the other runs then find nothing, which is fine
// (`--passWithNoTests`) as long as the arguments matched some test somewhere: if they matched none
// at all (a typo), the summary says so and the command fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extraArgs = process.argv.slice(2);
/** Per project: unit specs are quick, e2e specs boot apps on a shared 2-core machine (see jest.config.js). */
const TEST_TIMEOUT_MS = { unit: 10_000, e2e: 30_000 };
const resultsDir = mkdtempSync(join(tmpdir(), 'plano-test-'));
const runs = [];

/** Runs one step; its exit status (null when a signal ended it). */
function runStep(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;
}

function step(title, command, args, env = {}) {
  return runStep(title, command, args, env) === 0;
}

function jest(title, project, env) {
  const outputFile = join(resultsDir, `${runs.length}.json`);
  const status = runStep(
    title,
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js',
      // `--selectProjects` takes a list: the options after it keep `extraArgs` out of that list.
      '--selectProjects', project, `--testTimeout=${TEST_TIMEOUT_MS[project]}`, '--json', `--outputFile=${outputFile}`,
      ...(extraArgs.length > 0 ? ['--passWithNoTests'] : []), ...extraArgs],
    env,
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } catch {
    counts.failed = 1; // Jest could not even report: count the run as a failure
  }
  // Jest can fail with every test passed: an error thrown outside any test (after a file's
  // environment was torn down, say). The summary names that exit status instead of hiding it.
  runs.push({ title, ok: status === 0 && counts.failed === 0, status, ...counts });
}

const typecheckOk = step('type check', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
// The e2e specs that run the built server as separate processes use this one build
// (PLANO_TEST_BUILT); run alone, each builds for itself.
const buildOk = step('build', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
const e2eEnv = buildOk ? { PLANO_TEST_BUILT: '1' } : {};
const openapiLintOk = buildOk && step('OpenAPI lint', process.execPath, ['scripts/openapi-lint.mjs']);
// clients/typescript/schema.ts is generated from the served document: fail when nobody regenerated it.
const openapiTypesOk = buildOk && step('OpenAPI types up to date', process.execPath, ['scripts/openapi-types.mjs', '--check']);
jest('unit specs', 'unit', {});
jest('e2e on SQLite', 'e2e', { ...e2eEnv, PLANO_TEST_ENGINE: 'sqlite' });

const postgresUrl = process.env.PLANO_TEST_POSTGRES_URL;
let postgresNote;
if (postgresUrl) {
  jest('e2e on PostgreSQL', 'e2e', { ...e2eEnv, PLANO_TEST_ENGINE: 'postgres' });
} else {
  postgresNote = 'e2e on PostgreSQL: SKIPPED — PLANO_TEST_POSTGRES_URL is not set (see README, "Running the tests").';
}
rmSync(resultsDir, { recursive: true, force: true });

console.log('\n=== summary ===');
console.log(`type check: ${typecheckOk ? 'ok' : 'FAILED'}`);
if (!buildOk) console.log('build: FAILED');
console.log(`OpenAPI lint: ${openapiLintOk ? 'ok' : 'FAILED'}`);
console.log(`OpenAPI types: ${openapiTypesOk ? 'ok' : 'FAILED — run npm run openapi:types and commit clients/typescript/schema.ts'}`);
for (const run of runs) {
  const exitNote = run.status !== 0 && run.failed === 0 ? ` — FAILED: Jest exited with status ${run.status}, see the errors outside tests above` : '';
  console.log(`${run.title}: ${run.passed} passed, ${run.failed} failed${run.skipped ? `, ${run.skipped} skipped` : ''}${exitNote}`);
}
if (postgresNote) console.log(postgresNote);
const total = runs.reduce((sum, run) => ({ passed: sum.passed + run.passed, failed: sum.failed + run.failed }), { passed: 0, failed: 0 });
console.log(`total: ${total.passed} passed, ${total.failed} failed`);
const matchedNothing = extraArgs.length > 0 && total.passed + total.failed === 0;
if (matchedNothing) console.log(`no test matched ${JSON.stringify(extraArgs.join(' '))} in any run`);

process.exit(typecheckOk && buildOk && openapiLintOk && openapiTypesOk && !matchedNothing && runs.every((run) => run.ok) ? 0 : 1);
