// Every architecture rule fails on a planted violation. Each test lays out a small tree like this
// repository (a copy of the real configs, node_modules linked), plants one violation in it, runs the
// real check (scripts/test-arch.mjs: dependency-cruiser, the lib-level cycle check, ESLint) and
// expects it to fail naming the rule and the file. The clean tree is the same tree without the plant.
// All trees are checked by one process (`--json DIR…`): loading TypeScript and ESLint once per tree
// would cost a second each.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const repo = process.cwd();
const check = join(repo, 'scripts/test-arch.mjs');
const CONFIGS = ['.dependency-cruiser.cjs', 'eslint.config.js', 'tsconfig.json', 'package.json'];
// Where the planted trees take their configs from: ARCH_TEST_CONFIGS=<dir with broken copies> proves
// that each test fails when its rule is gone, without touching the repository's configs.
const configs = process.env.ARCH_TEST_CONFIGS ?? repo;

type Tree = Record<string, string>;
type Run = { status: number; stdout: string; stderr: string };

async function run(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [check, ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout: string; stderr: string };
    return { status: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Writes each tree under a fresh directory and checks them all; returns each tree's result. */
async function checkTrees(trees: Tree[]): Promise<Run[]> {
  const base = mkdtempSync(join(tmpdir(), 'phancap-arch-'));
  try {
    const roots = trees.map((files, i) => {
      const root = join(base, String(i));
      mkdirSync(root);
      for (const name of CONFIGS) copyFileSync(join(configs, name), join(root, name));
      symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      return root;
    });
    const r = await run(['--json', ...roots]);
    if (r.status !== 0) throw new Error(`the check crashed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as Run[];
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** The reported violations: each "error <rule>: ..." line with its indented continuation lines. */
function violations(r: Run): string[] {
  return r.stderr.split(/\n(?=  error )/).filter((b) => b.startsWith('  error ')).map((b) => b.slice('  error '.length).split('\nWhy:')[0]);
}

/** A small tree laid out like the repository, breaking no rule, with what each rule allows. */
const CLEAN: Tree = {
  'libs/delegation/src/index.ts': "export { decide } from './domain/decide.js';\nexport type { Stage } from './domain/types.js';\n",
  'libs/delegation/src/domain/types.ts': "export type Stage = 'draft' | 'issued';\n",
  'libs/delegation/src/domain/decide.ts': [
    "import type { Holiday } from '@app/calendar';",
    "import { STAGES } from '../workflows/stages.js';",
    "import type { Stage } from './types.js';",
    '// Time comes in with the command; parsing a given value is not reading the clock.',
    'export function decide(now: string, stage: Stage, holidays: Holiday[] = []): { at: Date; stage: Stage } {',
    "  return { at: new Date(now), stage: STAGES.includes(stage) && holidays.length >= 0 ? stage : 'draft' };",
    '}',
    '',
  ].join('\n'),
  'libs/delegation/src/workflows/stages.ts': "import type { Stage } from '../domain/types.js';\nexport const STAGES: readonly Stage[] = ['draft', 'issued'];\n",
  'libs/delegation/src/domain/decide.unit.spec.ts': [
    "import { describe, expect, it } from '@jest/globals';",
    "import { NOW } from '../testing/fixtures.js';",
    "import { decide } from './decide.js';",
    "describe('decide', () => it('is quick', () => { const t = Date.now(); decide(NOW, 'draft'); expect(Date.now() - t).toBeLessThan(1000); }));",
    '',
  ].join('\n'),
  'libs/delegation/src/testing/fixtures.ts': "export const NOW = '2026-01-05T02:00:00.000Z';\n",
  'libs/delegation/src/application/run-command.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { nextWorkingDay } from '@app/calendar';",
    "import { decide } from '../domain/decide.js';",
    'export const runCommand = (now: string) => decide(nextWorkingDay(now), \'draft\');',
    'export { Injectable };',
    '',
  ].join('\n'),
  'libs/calendar/src/index.ts': "export type Holiday = { date: string };\nexport const nextWorkingDay = (day: string): string => day;\n",
  'libs/audit/src/index.ts': "export { nextWorkingDay as auditDay } from '@app/calendar';\n",
  'libs/notifications/src/index.ts': "export const CHANNELS = ['inbox'] as const;\n",
  'libs/notifications/src/testing/index.ts': "import { CHANNELS } from '@app/notifications';\nexport const testChannel = CHANNELS[0];\n",
  'apps/api/src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { decide } from '@app/delegation';\n@Module({})\nexport class AppModule {}\nexport { decide };\n",
  'apps/api/src/inbox.int.spec.ts': "import request from 'supertest';\nimport { testChannel } from '@app/notifications/testing';\nexport { request, testChannel };\n",
  'apps/worker/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { runCommand } from '@app/delegation';\nexport { NestFactory, runCommand };\n",
  'test/smoke.e2e-spec.ts': "import request from 'supertest';\nimport { testChannel } from '@app/notifications/testing';\nimport { AppModule } from '../apps/api/src/app.module.js';\nexport { request, testChannel, AppModule };\n",
};
// run-command.ts is exported for the worker through the facade, as an app would use it.
CLEAN['libs/delegation/src/index.ts'] += "export { runCommand } from './application/run-command.js';\n";

const DOMAIN = 'libs/delegation/src/domain/planted.ts';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the architecture check (npm run test:arch)', () => {
  // [what, rule, file named in the report, planted files]
  const cases: [string, string, string, Tree][] = [
    // ESLint: determinism of the pure folders
    ['Date.now() in a domain file', 'domain-no-clock', DOMAIN, { [DOMAIN]: 'export const at = () => Date.now();\n' }],
    ['new Date() in a domain file', 'domain-no-clock', DOMAIN, { [DOMAIN]: 'export const at = () => new Date();\n' }],
    ['performance.now() in a workflow', 'domain-no-clock', 'libs/delegation/src/workflows/planted.ts', { 'libs/delegation/src/workflows/planted.ts': 'export const t = performance.now();\n' }],
    ['randomUUID() in a domain file', 'domain-no-random', DOMAIN, { [DOMAIN]: "import { randomUUID } from 'node:crypto';\nexport const id = () => randomUUID();\n" }],
    ['crypto.randomUUID() in a rule', 'domain-no-random', 'libs/accountability/src/rules/planted.ts', { 'libs/accountability/src/rules/planted.ts': 'export const id = () => crypto.randomUUID();\n' }],
    ['Math.random() in a domain file', 'domain-no-random', DOMAIN, { [DOMAIN]: 'export const pick = () => Math.random();\n' }],
    ['process.env in a domain file', 'domain-no-process', DOMAIN, { [DOMAIN]: "export const tz = () => process.env.TZ ?? 'UTC';\n" }],
    ['setTimeout in a domain file', 'domain-no-timers', DOMAIN, { [DOMAIN]: 'export const later = (f: () => void) => setTimeout(f, 1000);\n' }],
    // dependency-cruiser: domain-is-pure
    ['a framework in a domain file', 'domain-is-pure', DOMAIN, { [DOMAIN]: "import { Injectable } from '@nestjs/common';\nexport { Injectable };\n" }],
    ['the database in a workflow', 'domain-is-pure', 'libs/delegation/src/workflows/planted.ts', { 'libs/delegation/src/workflows/planted.ts': "import { DataSource } from 'typeorm';\nexport { DataSource };\n" }],
    ['a database type in a domain file', 'domain-is-pure', DOMAIN, { [DOMAIN]: "import type { PoolClient } from 'pg';\nexport type Tx = PoolClient;\n" }],
    ['fs in a rule', 'domain-is-pure', 'libs/accountability/src/rules/planted.ts', { 'libs/accountability/src/rules/planted.ts': "import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync('x');\n" }],
    ['a value import of another lib in a domain file', 'domain-is-pure', DOMAIN, { [DOMAIN]: "import { nextWorkingDay } from '@app/calendar';\nexport const day = nextWorkingDay;\n" }],
    ["a domain file importing its lib's application layer", 'domain-is-pure', DOMAIN, { [DOMAIN]: "import type { runCommand } from '../application/run-command.js';\nexport type Run = typeof runCommand;\n" }],
    // dependency-cruiser: boundaries
    ['a lib importing apps/api', 'lib-not-app', 'libs/delegation/src/application/planted.ts', { 'libs/delegation/src/application/planted.ts': "import { AppModule } from '../../../../apps/api/src/app.module.js';\nexport { AppModule };\n" }],
    ["a lib importing another lib's internal file", 'lib-public-surface', 'libs/audit/src/planted.ts', { 'libs/audit/src/planted.ts': "import type { Stage } from '../../delegation/src/domain/types.js';\nexport type S = Stage;\n" }],
    ["a lib's production code importing another lib's testing surface", 'lib-public-surface', 'libs/audit/src/planted.ts', { 'libs/audit/src/planted.ts': "import { testChannel } from '@app/notifications/testing';\nexport { testChannel };\n" }],
    ['a controller running SQL', 'http-without-sql', 'apps/api/src/planted.controller.ts', { 'apps/api/src/planted.controller.ts': "import { InjectDataSource } from '@nestjs/typeorm';\nexport { InjectDataSource };\n" }],
    ['the worker importing apps/api', 'worker-not-api', 'apps/worker/src/planted.ts', { 'apps/worker/src/planted.ts': "import { AppModule } from '../../api/src/app.module.js';\nexport { AppModule };\n" }],
    ['an app importing a path into a lib', 'app-public-surface', 'apps/api/src/planted.ts', { 'apps/api/src/planted.ts': "import { decide } from '../../../libs/delegation/src/domain/decide.js';\nexport { decide };\n" }],
    ['an end-to-end test importing a path into a lib', 'app-public-surface', 'test/planted.e2e-spec.ts', { 'test/planted.e2e-spec.ts': "import { NOW } from '../libs/delegation/src/testing/fixtures.js';\nexport { NOW };\n" }],
    ['a shipped app importing a testing surface', 'app-public-surface', 'apps/api/src/planted.ts', { 'apps/api/src/planted.ts': "import { testChannel } from '@app/notifications/testing';\nexport { testChannel };\n" }],
    [
      'a cycle between two libs through different files',
      'no-circular',
      'libs/calendar/src/planted.ts',
      // audit → calendar (index) and calendar/planted → audit: a lib-level cycle, not a module cycle
      { 'libs/calendar/src/planted.ts': "import { auditDay } from '@app/audit';\nexport const again = auditDay;\n" },
    ],
    ['production code importing a testing helper', 'prod-not-testing', 'libs/delegation/src/application/planted.ts', { 'libs/delegation/src/application/planted.ts': "import { NOW } from '../testing/fixtures.js';\nexport { NOW };\n" }],
    ['production code importing a devDependency', 'prod-not-dev-deps', 'apps/api/src/planted.ts', { 'apps/api/src/planted.ts': "import request from 'supertest';\nexport { request };\n" }],
    ['an import the checker cannot resolve', 'no-unresolvable', 'apps/api/src/planted.ts', { 'apps/api/src/planted.ts': "import { gone } from './gone.js';\nexport { gone };\n" }],
  ];

  let repository: Run;
  let clean: Run;
  let planted: Run[];
  beforeAll(async () => {
    [repository, [clean, ...planted]] = await Promise.all([run([]), checkTrees([CLEAN, ...cases.map(([, , , files]) => ({ ...CLEAN, ...files }))])]);
  }, 120_000);

  it('passes this repository', () => {
    expect(violations(repository)).toEqual([]);
    expect(repository.status).toBe(0);
    // It saw the code: a mis-set root or glob would pass everything.
    const [, modules, files] = /\((\d+) modules, \d+ dependencies, (\d+) files linted/.exec(repository.stdout) ?? [];
    expect(Number(modules)).toBeGreaterThan(300);
    expect(Number(files)).toBeGreaterThan(50);
  });

  it('passes a clean planted tree', () => {
    expect(violations(clean)).toEqual([]);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/\(\d{2} modules, \d+ dependencies, [1-9] files linted/);
  });

  it.each(cases.map((c, i) => [...c, i] as const))('fails on %s, naming %s and the file', (_what, rule, file, _files, i) => {
    const r = planted[i];
    expect(r.status).toBe(1);
    // "<rule>: <the file> → <what it imports>", or for a cycle "<rule>: <libs>" then one line per import
    const names = rule === 'no-circular' ? `[^]*\n {6}${escape(file)} imports ` : escape(file);
    expect(violations(r)).toContainEqual(expect.stringMatching(new RegExp(`^${rule}: ${names}`)));
    // and nothing but the plant broke a rule (the clean tree passes)
    for (const v of violations(r)) expect(v).toContain(file);
  });
});
