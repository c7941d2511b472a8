// Builds what `npm start`, `npm run start:worker` and `npm run cli` run, only when its sources changed
// since the last build: the API/worker/CLI (tsc, incremental, then tsc-alias) and the web application
// (vite, only when apps/web changed). An unchanged tree starts from dist/ at once.
//
// Usage: node scripts/build-if-changed.mjs [--api] [--force]
//   --api    only the server side (the CLI and the worker do not serve the web application)
//   --force  build even when nothing changed
//
// "Changed" is a fingerprint (SHA-256) of every input's path and content, kept beside the build in
// dist/.build/<part>.stamp: an edit, a new file or a deleted one change it; a touch or a checkout that
// leaves the content as it was does not. Hashing the ~400 inputs takes about 0.1 s. The stamp also
// keeps the modification times of the entry files it built: when another build (npm run build,
// build:api, build:web) or a deletion changed dist/, the next start builds again, from scratch.
// The fingerprint is taken before building, so an edit made during a build is built next time.
// `npm run build` (Docker, CI) still builds everything, unconditionally.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = process.cwd();
const stateDir = join(root, 'dist', '.build');
const args = process.argv.slice(2);
const force = args.includes('--force');

const PARTS = {
  api: {
    inputs: () => [
      ...walk('apps', (p) => !p.startsWith(`apps${sep}web${sep}`) && isServerSource(p)),
      ...walk('libs', isServerSource),
      'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json',
    ],
    outputs: ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'dist/apps/cli/src/main.js'],
    build: ({ fromScratch }) => {
      const info = join(stateDir, 'api.tsbuildinfo');
      // tsc --incremental trusts its build info: when dist/ was written by anything else (npm run
      // build:api, a deleted folder), that info no longer describes dist/, so build from scratch.
      if (fromScratch) rmSync(info, { force: true });
      return run('tsc', ['-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', info])
        && run('tsc-alias', ['-p', 'tsconfig.build.json']);
    },
  },
  web: {
    inputs: () => [...walk(join('apps', 'web'), (p) => !/\.test\.tsx?$/.test(p)), 'package-lock.json'],
    outputs: ['dist/web/index.html'],
    build: () => run('vite', ['build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']),
  },
};

/** TypeScript (and imported JSON) that tsconfig.build.json compiles: no tests, no test support. */
function isServerSource(p) {
  return /\.(ts|json)$/.test(p) && !/\.spec\.ts$/.test(p) && !p.split(sep).includes('testing');
}

function walk(dir, keep) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(p, keep));
    } else if (keep(p)) out.push(p);
  }
  return out;
}

function fingerprint(files) {
  const hash = createHash('sha256');
  for (const f of [...new Set(files)].sort()) {
    hash.update(`${relative(root, f)}\0`);
    hash.update(existsSync(f) ? readFileSync(f) : 'missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}

function mtime(file) {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
}

function readStamp(file) {
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8'));
    return typeof stamp.inputs === 'string' && stamp.outputs ? stamp : undefined;
  } catch {
    return undefined;
  }
}

function run(bin, binArgs) {
  const r = spawnSync(join(root, 'node_modules', '.bin', bin), binArgs, { stdio: 'inherit' });
  return r.status === 0;
}

/** One build at a time (npm start and npm run cli started together): a lock folder holding its owner's pid. */
function lock() {
  const dir = join(stateDir, 'lock');
  for (const end = Date.now() + 10 * 60_000; Date.now() < end;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
      } catch {
        // just created by its owner, pid not written yet
      }
      const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (!isAlive(owner) && age > 2000) rmSync(dir, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  throw new Error(`another build holds ${dir} for 10 minutes: delete it if no build is running`);
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    return process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
}

mkdirSync(stateDir, { recursive: true });
const unlock = lock();
let failed = false;
try {
  for (const name of args.includes('--api') ? ['api'] : ['api', 'web']) {
    const part = PARTS[name];
    const stampFile = join(stateDir, `${name}.stamp`);
    const inputs = fingerprint(part.inputs());
    const stamp = readStamp(stampFile);
    // The outputs as this script left them (their modification times): otherwise someone else built.
    const ours = !!stamp && part.outputs.every((f) => stamp.outputs[f] !== undefined && stamp.outputs[f] === mtime(f));
    if (ours && stamp.inputs === inputs && !force) continue;
    const started = Date.now();
    process.stderr.write(`build: ${name}: ${!stamp ? 'first build' : !ours ? 'dist/ was changed by another build' : force ? 'forced' : 'sources changed'}, building…\n`);
    if (!part.build({ fromScratch: !ours })) {
      failed = true;
      break;
    }
    writeFileSync(stampFile, JSON.stringify({ inputs, outputs: Object.fromEntries(part.outputs.map((f) => [f, mtime(f)])) }));
    process.stderr.write(`build: ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
} finally {
  unlock();
}
process.exit(failed ? 1 : 0);
