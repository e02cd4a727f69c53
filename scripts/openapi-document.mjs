// The OpenAPI document /docs-json serves, built without a server: for the scripts that check it
// (openapi-lint.mjs) and generate from it (openapi-types.mjs). It builds dist/ (incrementally),
// creates the app on a throwaway SQLite database and asks it for the document through the same
// buildOpenApiDocument the /docs page uses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function buildServedDocument() {
  const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');

  const directory = mkdtempSync(join(tmpdir(), 'plano-openapi-db-'));
  // The config namespaces read DATABASE_URL when the app is created, below.
  process.env.DATABASE_URL = `sqlite:${join(directory, 'plano.sqlite')}`;
  process.env.LOG_LEVEL = 'error';
  try {
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
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
