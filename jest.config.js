// Jest runs the TypeScript sources as native ESM (NestJS 12 is ESM-only), compiled by SWC with
// the legacy decorators and decorator metadata Nest and TypeORM rely on. Type checking is
// `npm run typecheck`, part of `npm test`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
};

// Tests that boot apps, hash passwords and talk to PostgreSQL share a 2-core machine with other
// work: 5 s (Jest's default) is too tight for them, so no test should lean on it. Jest 30 reads
// `testTimeout` from the global config only (a project's own value is ignored), so this is the
// e2e figure; `npm run test:unit` and `npm test` pass a tighter `--testTimeout` for unit specs.
//
// The scripts always put an option after `--selectProjects <name>`: it takes a list, and would
// otherwise swallow a test path given after it (`npm run test:e2e -- test/xso.e2e-spec.ts`) as a
// second project name and run the whole project.
export default {
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Points DATABASE_URL at the engine under test before anything reads it (see test/support/engine-env.ts).
      setupFiles: ['<rootDir>/test/support/engine-env.ts'],
      slowTestThreshold: 15,
    },
  ],
};
