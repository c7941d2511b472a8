// The determinism rules of the pure folders (the decider, the workflow definitions, the named rules):
// "The domain never reads the clock, generates ids, or touches I/O: time, ids and the actor come in
// with the command's metadata. That is what makes replay and Given/When/Then tests exact."
// (the architecture guide). Run by `npm run test:arch` (scripts/test-arch.mjs); each rule is proved to
// fail on a planted violation in test/architecture/architecture.unit.spec.ts.
//
// Only these rules are on: this config is an architecture check, not a style guide. Imports of
// framework and I/O modules are dependency-cruiser's part (.dependency-cruiser.cjs, domain-is-pure).
import tseslint from 'typescript-eslint';

const CLOCK = 'domain-no-clock: the domain never reads the clock: time comes in with the command\'s metadata (occurredAt, `now`)';
const RANDOM = 'domain-no-random: the domain never generates ids or random values: ids come in with the command, so a replay decides the same';
const PROCESS = 'domain-no-process: the domain never reads the process (environment, arguments, exit): configuration is read at boot and passed in as data';
const TIMERS = 'domain-no-timers: the domain never schedules work: a workflow returns intents (remind at T) and the worker runs them from durable queues';

export default [
  {
    files: ['libs/*/src/domain/**/*.{ts,tsx,mts,cts}', 'libs/*/src/workflows/**/*.{ts,tsx,mts,cts}', 'libs/*/src/rules/**/*.{ts,tsx,mts,cts}'],
    ignores: ['**/*.spec.ts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    // An exception is a change to this file, seen in review, not an inline `eslint-disable` comment.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `${CLOCK}. \`new Date(value)\` parsing a given value is fine.` },
        { selector: "CallExpression[callee.name='Date']", message: `${CLOCK}. \`Date()\` returns the current time as a string.` },
        { selector: "CallExpression[callee.name=/^(randomUUID|randomBytes|randomInt|getRandomValues)$/]", message: RANDOM },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: CLOCK },
        { object: 'performance', property: 'now', message: CLOCK },
        { object: 'Math', property: 'random', message: RANDOM },
        { object: 'crypto', property: 'randomUUID', message: RANDOM },
        { object: 'crypto', property: 'randomBytes', message: RANDOM },
        { object: 'crypto', property: 'randomInt', message: RANDOM },
        { object: 'crypto', property: 'getRandomValues', message: RANDOM },
        { object: 'globalThis', property: 'process', message: PROCESS },
        { object: 'globalThis', property: 'performance', message: CLOCK },
        { object: 'globalThis', property: 'crypto', message: RANDOM },
        { object: 'globalThis', property: 'setTimeout', message: TIMERS },
        { object: 'globalThis', property: 'setInterval', message: TIMERS },
        { object: 'globalThis', property: 'setImmediate', message: TIMERS },
        { object: 'globalThis', property: 'queueMicrotask', message: TIMERS },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: PROCESS },
        { name: 'setTimeout', message: TIMERS },
        { name: 'setInterval', message: TIMERS },
        { name: 'setImmediate', message: TIMERS },
        { name: 'queueMicrotask', message: TIMERS },
      ],
    },
  },
];
