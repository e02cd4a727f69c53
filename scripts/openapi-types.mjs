#!/usr/bin/env node
// `npm run openapi:types`: regenerates clients/typescript/schema.ts, the types of the typed client,
// from the OpenAPI document the built server serves at /docs-json (the document is what consumers
// read, so the types come from it, not from the sources).
// `npm run openapi:check` (`--check`): writes nothing; fails when the committed schema.ts differs
// from what the current document generates, i.e. the document changed and nobody regenerated.
//
// It builds dist/ (incrementally), starts the built server on a free loopback port with a throwaway
// SQLite database, fetches the document, stops the server, and runs openapi-typescript on it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS from 'openapi-typescript';

const SCHEMA_FILE = 'clients/typescript/schema.ts';
const check = process.argv.includes('--check');

try {
  await main();
} catch (error) {
  console.error(`openapi-types: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

async function main() {
  const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (build.status !== 0) fail('the build failed');

  const document = await fetchServedDocument();
  const generated = `${await openapiTS(document)}\n${sensitiveParamsSection(document)}`;
  if (!check) {
    writeFileSync(SCHEMA_FILE, generated);
    console.log(`openapi:types: wrote ${SCHEMA_FILE} (${Object.keys(document.paths).length} paths)`);
    return;
  }
  let committed;
  try {
    committed = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    fail(`${SCHEMA_FILE} is missing: run \`npm run openapi:types\` and commit it`);
  }
  if (committed !== generated) {
    fail(
      `${SCHEMA_FILE} does not match the served OpenAPI document (first difference at line ` +
        `${firstDifferentLine(committed, generated)}): run \`npm run openapi:types\` and commit the result`,
    );
  }
  console.log(`openapi:check: ${SCHEMA_FILE} matches the served OpenAPI document`);
}

/** Starts the built server, answers its /docs-json, and always stops it and removes its database. */
async function fetchServedDocument() {
  const directory = mkdtempSync(join(tmpdir(), 'plano-openapi-'));
  const port = await freePort();
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(directory, 'plano.sqlite')}`, LOG_LEVEL: 'warn', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) fail(`the server exited; it said:\n${output}`);
      const response = await fetch(`http://127.0.0.1:${port}/docs-json`).catch(() => null);
      if (response?.status === 200) return await response.json();
      if (Date.now() > deadline) fail(`the server never served /docs-json; it said:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * openapi-typescript types a sensitive-params body as what travels (a string: base64 of JSON). The
 * document names the decoded params' schema in that body's description (`#/components/schemas/…`);
 * this section maps each such route to it, so the client can take the params object, typed, and
 * encode it. A text/plain string body that names no schema stops the generator: the client could
 * not type it.
 */
function sensitiveParamsSection(doc) {
  const rows = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const body = operation?.requestBody;
      if (body?.content?.['text/plain']?.schema?.type !== 'string') continue;
      const ref = /#\/components\/schemas\/([A-Za-z0-9_]+)/.exec(body.description ?? '')?.[1];
      if (!ref || !doc.components?.schemas?.[ref]) fail(`${method.toUpperCase()} ${path}: a text/plain body whose description names no params schema`);
      rows.push(`  ${JSON.stringify(path)}: { ${method}: components["schemas"][${JSON.stringify(ref)}] };`);
    }
  }
  return [
    '/**',
    ' * Added by scripts/openapi-types.mjs: the decoded params of each sensitive-params route, whose',
    ' * text/plain body is the base64 of their JSON (the schema its body description names).',
    ' */',
    'export interface sensitiveParams {',
    ...rows,
    '}',
    '',
  ].join('\n');
}

function firstDifferentLine(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index < 0 ? left.length : index) + 1;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function fail(message) {
  throw new Error(message);
}
