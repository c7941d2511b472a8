// Jest runs in ESM mode (NestJS 12 is ESM-only): see ../shared/TOOLCHAIN.md.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@app/notifications/testing$': '<rootDir>/libs/notifications/src/testing/index.ts',
    '^@app/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
    '^@app/accountability/testing$': '<rootDir>/libs/accountability/src/testing/index.ts',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] }, isolatedModules: false }],
  },
  rootDir: '.',
};

export default {
  // A global option: Jest ignores testTimeout inside `projects`. The e2e files share one database,
  // so a reconciler pass there may have many other files' reminders to send.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'], globalSetup: '<rootDir>/test/setup/global-setup.mjs', globalTeardown: '<rootDir>/test/setup/global-teardown.mjs' },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], globalSetup: '<rootDir>/test/setup/global-setup.mjs', globalTeardown: '<rootDir>/test/setup/global-teardown.mjs' },
  ],
};
