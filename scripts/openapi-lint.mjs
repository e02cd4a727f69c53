#!/usr/bin/env node
// `npm run openapi:lint`: lints the OpenAPI document /docs-json serves with Redocly (rules in
// redocly.yaml). No server: it builds dist/, creates the app on a throwaway SQLite database, asks it
// for the document through the same buildOpenApiDocument the /docs page uses, writes it to a temporary
// file and runs `redocly lint` on that. `--keep` prints the file's path and leaves it behind.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');

  const documentFile = join(workDir, 'openapi.json');
  writeFileSync(documentFile, `${JSON.stringify(await buildDocument(), null, 2)}\n`);
  if (keep) console.log(`openapi:lint: document written to ${documentFile}`);

  const lint = spawnSync(
    process.execPath,
    ['node_modules/@redocly/cli/bin/cli.js', 'lint', '--config', 'redocly.yaml', documentFile],
    // Nothing leaves the machine: no usage telemetry, no update check.
    { stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
  );
  return lint.status ?? 1;
}

/** The document, from the built app on an empty SQLite database of its own (entity types read DATABASE_URL on import). */
async function buildDocument() {
  process.env.DATABASE_URL = `sqlite:${join(workDir, 'plano.sqlite')}`;
  process.env.LOG_LEVEL = 'error';
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../dist/src/app.module.js');
  const { buildOpenApiDocument } = await import('../dist/src/common/openapi/swagger.js');
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
