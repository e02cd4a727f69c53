import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layers of src/ (README, "Layout"), held against the imports as they stand: a file may import
 * its own layer or lower ones, never higher. From the ground up:
 *   config/ → common/ → database/ → modules/auth (the auth layer: ports, guard, decorators)
 *   → the feature modules (each owning its entities and repositories) → the composition root
 *   (app.module.ts, app.setup.ts, bootstrap.ts, main.ts, heap-growth.ts, seed.ts, outbox.ts, entities.ts, demo/).
 */
const SRC = dirname(fileURLToPath(import.meta.url));

interface Import {
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Relative imports (static, re-exports and dynamic), as paths under src/ without extension. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s*'([^']+)'/g)]
    .map((match) => match[1] ?? match[2] ?? match[3])
    .filter((specifier) => specifier.startsWith('.'));
  const from = relative(SRC, file).replace(/\.ts$/, '');
  return specifiers.map((specifier) => ({ from, to: relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '') }));
}

const imports = sourceFiles(SRC).flatMap(importsOf);

const moduleOf = (path: string): string | undefined => /^modules\/([^/]+)\//.exec(path)?.[1];
const show = ({ from, to }: Import) => `${from} -> ${to}`;

describe('import boundaries of src/', () => {
  it('reads the imports (the check has something to hold)', () => {
    expect(imports.length).toBeGreaterThan(300);
    expect(imports.some(({ to }) => to === 'common/status/plano.exception')).toBe(true);
  });

  it('config/, common/ and database/ import no feature module', () => {
    const upward = imports.filter(({ from, to }) => /^(config|common|database)\//.test(from) && to.startsWith('modules/'));
    expect(upward.map(show)).toEqual([]);
  });

  it('config/ imports nothing above it, and common/ nothing from database/', () => {
    const upward = imports.filter(
      ({ from, to }) => (from.startsWith('config/') && /^(common|database)\//.test(to)) || (from.startsWith('common/') && to.startsWith('database/')),
    );
    expect(upward.map(show)).toEqual([]);
  });

  it('auth/ imports no feature module', () => {
    const upward = imports.filter(({ from, to }) => moduleOf(from) === 'auth' && to.startsWith('modules/') && moduleOf(to) !== 'auth');
    expect(upward.map(show)).toEqual([]);
  });

  it("no module imports another module's entities or repositories", () => {
    const reaching = imports.filter(({ from, to }) => {
      const owner = moduleOf(to);
      return moduleOf(from) !== undefined && owner !== undefined && owner !== moduleOf(from) && (/\/entities\//.test(to) || /\.repository$/.test(to) || /\.entity$/.test(to));
    });
    expect(reaching.map(show)).toEqual([]);
  });

  it('no file below the composition root imports it', () => {
    const root = /^(app\.module|app\.setup|bootstrap|main|seed|outbox|entities)$|^demo\//;
    const upward = imports.filter(({ from, to }) => root.test(to) && !root.test(from));
    expect(upward.map(show)).toEqual([]);
  });
});
