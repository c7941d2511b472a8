#!/usr/bin/env node
// The dependency rule, checked on every test run:
// - the domain (libs/delegation) is plain TypeScript: no framework, database, HTTP or I/O imports;
// - the libraries never import NestJS (the apps wrap them);
// - code outside a library reaches it only through its public surface, `@app/<lib>` (its index.ts),
//   never by a path into its folder.
// Usage: node scripts/check-architecture.mjs [--root DIR]; exits 1 and names each violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? process.argv[rootArg + 1] : process.cwd();

const RULES = [
  {
    id: 'domain-is-pure',
    applies: (file) => /^libs\/[^/]+\/src\/(domain|workflows|rules)\//.test(file),
    forbids: /^(@nestjs\/|typeorm|pg$|pg\/|express|bullmq|ioredis|class-validator|class-transformer|node:(fs|net|http|https|child_process|crypto)|fs$|net$|http$|crypto$)/,
    why: 'the domain libraries (delegation, calendar, accountability, organisation) stay plain TypeScript (no framework, database, HTTP or I/O)',
  },
  {
    id: 'worker-not-api',
    applies: (file) => file.startsWith('apps/worker/'),
    forbids: /(^|\/)api\/src\//,
    why: 'the worker boots its own WorkerModule of the context modules, never the API',
  },
  {
    id: 'public-surface-only',
    applies: (file) => !file.startsWith('libs/'),
    forbids: /(^|\/)libs\/[^/]+\/src\//,
    why: 'import a library through @app/<lib> (its index.ts), not a path into it',
  },
  {
    id: 'no-deep-alias',
    applies: () => true,
    forbids: /^@app\/[^/]+\/(?!testing$).+/,
    why: 'import a library through @app/<lib> (its index.ts), not a path into it',
  },
];

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
const violations = [];
let checked = 0;
for (const top of ['apps', 'libs', 'test']) {
  let exists = true;
  try { statSync(join(root, top)); } catch { exists = false; }
  if (!exists) continue;
  for (const path of sourceFiles(join(root, top))) {
    const file = relative(root, path).split(sep).join('/');
    const text = readFileSync(path, 'utf8');
    checked++;
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      for (const rule of RULES) {
        if (rule.applies(file) && rule.forbids.test(spec)) violations.push(`${file}: imports "${spec}" — ${rule.id}: ${rule.why}`);
      }
    }
  }
}
if (violations.length) {
  console.error(`Architecture check failed (${violations.length} violation(s)):\n${violations.map((v) => `  - ${v}`).join('\n')}`);
  process.exit(1);
}
console.log(`Architecture check passed: ${checked} files follow the dependency rule.`);
