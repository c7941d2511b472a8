import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const script = join(process.cwd(), 'scripts/check-architecture.mjs');

function check(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'phancap-arch-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return spawnSync('node', [script, '--root', root], { encoding: 'utf8' });
}

describe('the dependency rule check', () => {
  it('passes this repository', () => {
    const r = spawnSync('node', [script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('passes a clean planted tree', () => {
    const r = check({
      'libs/delegation/src/domain/a.ts': "import { b } from './b.js';\n",
      'apps/api/src/x.ts': "import { a } from '@app/delegation';\nimport { Module } from '@nestjs/common';\n",
    });
    expect(r.status).toBe(0);
  });

  it.each([
    ['a framework in the domain', 'libs/delegation/src/domain/decide.ts', "import { Injectable } from '@nestjs/common';\n", 'domain-is-pure'],
    ['the database in the domain', 'libs/delegation/src/domain/evolve.ts', "import { DataSource } from 'typeorm';\n", 'domain-is-pure'],
    ['I/O in the domain', 'libs/delegation/src/workflows/w.ts', "import { readFileSync } from 'node:fs';\n", 'domain-is-pure'],
    ['the worker booting the API', 'apps/worker/src/main.ts', "import { AppModule } from '../../api/src/app.module.js';\n", 'worker-not-api'],
    ['a path into a library', 'apps/api/src/y.ts', "import { decide } from '../../../libs/delegation/src/domain/decide.js';\n", 'public-surface-only'],
    ['a deep alias', 'apps/api/src/z.ts', "import { decide } from '@app/delegation/domain/decide';\n", 'no-deep-alias'],
  ])('fails on %s and names the file and rule', (_what, path, text, rule) => {
    const r = check({ [path]: text });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(path);
    expect(r.stderr).toContain(rule);
  });
});
