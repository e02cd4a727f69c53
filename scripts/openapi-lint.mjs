#!/usr/bin/env node
// `npm run openapi:lint`: lints the OpenAPI document /docs-json serves with Redocly (rules in
// redocly.yaml). The document (built as openapi-document.mjs says) is written to a temporary file and
// `redocly lint` runs on that. `--keep` prints the file's path and leaves it behind.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServedDocument } from './openapi-document.mjs';

const keep = process.argv.includes('--keep');
const workDir = mkdtempSync(join(tmpdir(), 'plano-openapi-'));
let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`openapi:lint: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (!keep) rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

async function main() {
  const documentFile = join(workDir, 'openapi.json');
  writeFileSync(documentFile, `${JSON.stringify(await buildServedDocument(), null, 2)}\n`);
  if (keep) console.log(`openapi:lint: document written to ${documentFile}`);

  const lint = spawnSync(
    process.execPath,
    ['node_modules/@redocly/cli/bin/cli.js', 'lint', '--config', 'redocly.yaml', documentFile],
    // Nothing leaves the machine: no usage telemetry, no update check.
    { stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
  );
  return lint.status ?? 1;
}
