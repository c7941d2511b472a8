// The dependency rules of the architecture guide ("The layout", "Traps these codebases show"), checked by
// `npm run test:arch` (scripts/test-arch.mjs: dependency-cruiser with this file, then ESLint with
// eslint.config.js). Each rule is proved to fail on a planted violation in
// test/architecture/architecture.unit.spec.ts: a rule changed here must keep its test failing.
//
// Paths are relative to the repository root. Module names are matched both resolved
// (node_modules/@types/pg/index.d.ts) and unresolved ('pg'), so a rule does not go blind when a
// package is missing; `no-unresolvable` fails the run in that case anyway.

/** The pure folders: the decider, the workflow definitions and the named rules. */
const PURE = '^libs/[^/]+/src/(?:domain|workflows|rules)/';

/** Framework, database, HTTP, queue, mail and PDF packages: never in the pure folders. */
const IMPURE_NAMES =
  '(?:@nestjs/[^/]+|typeorm|pg|express|bullmq|ioredis|class-validator|class-transformer|nodemailer|pdfkit|reflect-metadata)(?:/|$)';
const IMPURE_PACKAGES = [`(?:^|/)node_modules/(?:@types/)?${IMPURE_NAMES}`, `^${IMPURE_NAMES}`];

/** Node's I/O, clock, randomness and process modules (with or without `node:`, and their subpaths). */
const IO_CORE_MODULES =
  '^(?:node:)?(?:fs|net|http|https|http2|tls|child_process|cluster|crypto|worker_threads|dgram|dns|timers|os|process|perf_hooks|readline)(?:/|$)';

/** Tests and test support: the only code allowed to reach testing helpers and devDependencies. */
const TEST_CODE = [
  '[.-]spec\\.[cm]?[jt]sx?$', // *.unit.spec.ts, *.int.spec.ts, *.e2e-spec.ts
  '\\.test\\.[jt]sx?$', // apps/web's Vitest files
  '(?:^|/)testing/', // libs/<lib>/src/testing/**
  '^test/', // end-to-end specs and their harness
  '^apps/web/src/test-(?:setup|utils)\\.tsx?$', // apps/web's Vitest setup (named in vite.config.ts)
  '^apps/web/vite\\.config\\.ts$', // build configuration, not shipped code
];

const LIB_INDEX = '^libs/[^/]+/src/index\\.ts$';
const LIB_TESTING_INDEX = '^libs/[^/]+/src/testing/index\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'The domain, the workflows and the rules are plain TypeScript: no framework, database, HTTP, ' +
        'queue or I/O package, not even for a type. Time, ids and the actor come in with the command, ' +
        'I/O happens in application/ and adapters (the architecture guide, "The flow of one command").',
      severity: 'error',
      from: { path: PURE },
      to: { path: [...IMPURE_PACKAGES, IO_CORE_MODULES] },
    },
    {
      name: 'domain-is-pure',
      comment:
        'A pure file runs only code of its own lib\'s domain/, workflows/ and rules/ folders: a value ' +
        'import of any other file (its own application/, another lib, an app) drags that file\'s ' +
        'dependencies into the decider. Types of another lib come through `import type` from @app/<lib>.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/(?:domain|workflows|rules)/', pathNot: TEST_CODE },
      to: {
        path: '^(?:libs|apps|test)/',
        pathNot: '^libs/$1/src/(?:domain|workflows|rules)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-is-pure',
      comment:
        'A type-only import from a pure file names its own lib\'s pure folders or another lib\'s public ' +
        'surface (@app/<lib>, its index.ts), never a file of an application layer or an app.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/(?:domain|workflows|rules)/', pathNot: TEST_CODE },
      to: {
        path: '^(?:libs|apps|test)/',
        pathNot: ['^libs/$1/src/(?:domain|workflows|rules)/', '^libs/(?!$1/)[^/]+/src/index\\.ts$'],
        dependencyTypes: ['type-only'],
      },
    },
    {
      name: 'lib-not-app',
      comment:
        'Libraries are what the apps are made of: a lib that imports an app (or the end-to-end tests) ' +
        'turns the dependency around and boots HTTP or the worker inside a context.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(?:apps|test)/' },
    },
    {
      name: 'lib-public-surface',
      comment:
        'A context reaches another only through its facade, libs/<lib>/src/index.ts (@app/<lib>), or, ' +
        'from a test, libs/<lib>/src/testing/index.ts: nothing reaches into another context\'s folders.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', LIB_INDEX, LIB_TESTING_INDEX] },
    },
    {
      name: 'lib-public-surface',
      comment: 'Another lib\'s testing surface (@app/<lib>/testing) is for tests only.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/', pathNot: TEST_CODE },
      to: { path: LIB_TESTING_INDEX, pathNot: '^libs/$1/' },
    },
    {
      name: 'app-public-surface',
      comment:
        'The apps and the end-to-end tests reach a lib only through @app/<lib> (libs/<lib>/src/index.ts), ' +
        'or @app/<lib>/testing from tests, never by a path into its folders.',
      severity: 'error',
      from: { path: '^(?:apps|test)/' },
      to: { path: '^libs/', pathNot: [LIB_INDEX, LIB_TESTING_INDEX] },
    },
    {
      name: 'app-public-surface',
      comment: 'A lib\'s testing surface (@app/<lib>/testing) is for tests only, not for the shipped apps.',
      severity: 'error',
      from: { path: '^apps/', pathNot: TEST_CODE },
      to: { path: LIB_TESTING_INDEX },
    },
    {
      name: 'worker-not-api',
      comment:
        'The worker boots its own WorkerModule of the context modules; importing apps/api would start ' +
        'controllers, guards and the HTTP stack inside the worker.',
      severity: 'error',
      from: { path: '^apps/worker/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'http-without-sql',
      comment:
        'apps/api holds HTTP only: controllers, guards and interceptors ask the context modules (their ' +
        'queries and services), never the database, so each query lives with the context that owns the data.',
      severity: 'error',
      from: { path: '^apps/api/', pathNot: TEST_CODE },
      to: { path: ['(?:^|/)node_modules/(?:@types/)?(?:typeorm|@nestjs/typeorm|pg)(?:/|$)', '^(?:typeorm|@nestjs/typeorm|pg)(?:/|$)'] },
    },
    // no-circular (no cycle between libs) is checked by scripts/test-arch.mjs on the lib-level graph of
    // this cruise: dependency-cruiser finds module cycles only, and lib A → lib B → lib A through
    // different files is a cycle between contexts without being a cycle between modules.
    {
      name: 'prod-not-testing',
      comment:
        'Shipped code never imports test support (**/testing/**, test/**): fixtures, probes and test ' +
        'servers would run in production, and the build (tsconfig.build.json) leaves them out.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: ['^(?:apps|libs)/.*/testing/', '^test/'] },
    },
    {
      name: 'prod-not-dev-deps',
      comment:
        'Shipped code imports only packages in "dependencies": `npm ci --omit=dev` leaves devDependencies ' +
        'out. A type-only import is erased by the compiler, so @types/* and `import type` are fine.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '(?:^|/)node_modules/@types/' },
    },
    {
      name: 'no-unresolvable',
      comment:
        'Every import resolves to a file or a package: a rule cannot check what the checker cannot see ' +
        '(a broken alias would otherwise pass every rule silently).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // Only the repository's own build output: the importers of an excluded module lose that dependency,
    // and the rules with it (a package whose entry is node_modules/<pkg>/dist/index.js, or a type from
    // @types/pg, which is a .d.ts, must stay visible).
    exclude: { path: ['^dist/'] },
    // Type-only imports exist only before compilation; keep them so the rules above can see them.
    tsPreCompilationDeps: true,
    // The `@app/<lib>` and `@app/notifications/testing` aliases come from tsconfig.json `paths`;
    // `./x.js` resolving to `./x.ts` (ESM specifiers in TypeScript) is built into dependency-cruiser.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
