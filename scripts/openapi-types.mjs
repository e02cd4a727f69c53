#!/usr/bin/env node
// `npm run openapi:types`: regenerates clients/typescript/schema.ts, the types of the typed client,
// from the OpenAPI document /docs-json serves (the document is what consumers read, so the types
// come from it, not from the sources; openapi-document.mjs builds it).
// `npm run openapi:check` (`--check`): writes nothing; fails when the committed schema.ts differs
// from what the current document generates, i.e. the document changed and nobody regenerated.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS from 'openapi-typescript';
import { buildServedDocument } from './openapi-document.mjs';

const SCHEMA_FILE = 'clients/typescript/schema.ts';
const check = process.argv.includes('--check');

try {
  await main();
} catch (error) {
  console.error(`openapi-types: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

async function main() {
  // A JSON round trip: the plain document as /docs-json sends it, without the builder's undefined fields.
  const document = JSON.parse(JSON.stringify(await buildServedDocument()));
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

function fail(message) {
  throw new Error(message);
}
