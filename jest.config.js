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

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Chooses the database engine before any entity module is evaluated (see database/columns.ts).
      setupFiles: ['<rootDir>/test/support/engine-env.ts'],
      slowTestThreshold: 15,
    },
  ],
};
