#!/usr/bin/env node
// `npm run test:arch`: the architecture rules, failing on any violation.
//   1. dependency-cruiser with .dependency-cruiser.cjs over apps/, libs/ and test/ (import rules);
//   2. no-circular: the lib-level graph of that cruise has no cycle (see the config for why here);
//   3. ESLint with eslint.config.js over libs/ (determinism of the domain, workflows and rules).
// Prints one line per violation naming the rule and the file, and exits 1 if there is any.
//
// Usage: node scripts/test-arch.mjs            checks the repository (the current directory)
//        node scripts/test-arch.mjs --json DIR…  checks each tree laid out like it, with its own
//                                               copy of the configs, and prints the results as JSON
//                                               (test/architecture: one process for all planted trees)
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { ESLint } from 'eslint';

/**
 * Violations tolerated while a new rule comes in: { rule, from, to, why }, `from`/`to` as regular
 * expressions. Each is printed on every run as a warning and stays an error everywhere else; fixing it
 * means deleting its entry (a stale entry is reported). None today: every rule holds without exception.
 */
const KNOWN_VIOLATIONS = [];

/** Lib-level edges tolerated while a cycle is being cut: { from, to, why }, lib names. None today. */
const KNOWN_LIB_EDGES = [];

const libOf = (path) => /^libs\/([^/]+)\//.exec(path)?.[1];

/** Checks the tree at `root`; returns its exit status and what to print on stdout and stderr. */
async function check(root) {
  const started = performance.now();
  const errors = [];
  const known = [];
  const usedKnown = new Set();

  // 1. dependency-cruiser (it resolves the tsconfig paths from the working directory, whatever baseDir says)
  process.chdir(root);
  const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(root, options.tsConfig?.fileName ?? 'tsconfig.json'));
  const dirs = ['apps', 'libs', 'test'].filter((dir) => existsSync(join(root, dir)));
  const { output } = await cruise(dirs, { ...options, baseDir: root }, {}, { tsConfig });
  const rules = options.ruleSet.forbidden;
  const matched = new Map(KNOWN_VIOLATIONS.map((k) => [k, []]));
  for (const v of output.summary.violations) {
    const k = KNOWN_VIOLATIONS.find((e) => e.rule === v.rule.name && new RegExp(e.from).test(v.from) && new RegExp(e.to).test(v.to));
    if (k) matched.get(k).push(`${v.from} → ${v.unresolvedTo ?? v.to}`);
    else errors.push({ rule: v.rule.name, line: `${v.rule.name}: ${v.from} → ${v.unresolvedTo && v.unresolvedTo !== v.to ? `${v.unresolvedTo} (${v.to})` : v.to}` });
  }
  for (const [k, seen] of matched) {
    if (seen.length) (usedKnown.add(k), known.push(`${k.rule}: ${seen.length} import(s) from ${k.from} to ${k.to}\n      known: ${k.why}\n${seen.map((s) => `        ${s}`).join('\n')}`));
  }

  // 2. no-circular on the lib-level graph of production code (a test may wire several libs together).
  //    A type-only import counts: a type couples two contexts as much as a value.
  const testCodeRule = rules.find((r) => r.name === 'prod-not-testing');
  if (!testCodeRule) throw new Error('.dependency-cruiser.cjs has no prod-not-testing rule: its from.pathNot says what test code is');
  const testCode = testCodeRule.from.pathNot.map((re) => new RegExp(re));
  const edges = new Map(); // "a b" -> the first import seen from lib a to lib b
  for (const m of output.modules) {
    const a = libOf(m.source);
    if (!a || testCode.some((re) => re.test(m.source))) continue;
    for (const d of m.dependencies) {
      const b = libOf(d.resolved);
      if (b && b !== a && !edges.has(`${a} ${b}`)) edges.set(`${a} ${b}`, `${m.source} imports '${d.module}'${d.dependencyTypes.includes('type-only') ? ' (types only)' : ''}`);
    }
  }
  for (const e of KNOWN_LIB_EDGES) {
    const evidence = edges.get(`${e.from} ${e.to}`);
    if (evidence) (usedKnown.add(e), known.push(`no-circular: libs/${e.from} → libs/${e.to} (${evidence})\n      known: ${e.why}`), edges.delete(`${e.from} ${e.to}`));
  }
  const next = (lib) => [...edges.keys()].filter((k) => k.startsWith(`${lib} `)).map((k) => k.split(' ')[1]);
  const reported = new Set();
  for (const start of new Set([...edges.keys()].map((k) => k.split(' ')[0]))) {
    const back = new Map([[start, null]]); // breadth-first: the shortest way back to `start`
    const queue = [start];
    let closing;
    while (queue.length && !closing) {
      const lib = queue.shift();
      for (const n of next(lib)) {
        if (n === start) { closing = lib; break; }
        if (!back.has(n)) (back.set(n, lib), queue.push(n));
      }
    }
    if (!closing) continue;
    const cycle = [start];
    for (let lib = closing; lib !== start; lib = back.get(lib)) cycle.splice(1, 0, lib);
    const key = [...cycle].sort().join(' ');
    if (reported.has(key)) continue;
    reported.add(key);
    const steps = cycle.map((lib, i) => `      ${edges.get(`${lib} ${cycle[(i + 1) % cycle.length]}`)}`);
    errors.push({ rule: 'no-circular', line: `no-circular: ${[...cycle, start].map((l) => `libs/${l}`).join(' → ')}\n${steps.join('\n')}` });
  }

  // 3. ESLint
  const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });
  const linted = existsSync(join(root, 'libs')) ? await eslint.lintFiles(['libs']) : [];
  for (const r of linted) {
    for (const m of r.messages) {
      // eslint.config.js puts the rule's name in each message ("domain-no-clock: ...")
      const name = /\b(domain-[a-z-]+): /.exec(m.message)?.[1] ?? m.ruleId ?? 'eslint';
      errors.push({ rule: name, line: `${name}: ${relative(root, r.filePath)}:${m.line}:${m.column} ${m.message} [eslint ${m.ruleId ?? 'parse error'}]` });
    }
  }

  // Report (a stale entry only where its libs are there: a planted tree has nothing to say about the others)
  const libs = new Set(output.modules.map((m) => libOf(m.source)));
  const about = (e) => (e.rule ? [libOf(e.from.slice(1))] : [e.from, e.to]).every((lib) => libs.has(lib));
  for (const e of [...KNOWN_VIOLATIONS, ...KNOWN_LIB_EDGES].filter((e) => !usedKnown.has(e) && about(e))) {
    known.push(`stale known violation, delete it from scripts/test-arch.mjs: ${JSON.stringify({ ...e, why: undefined })}`);
  }
  let stdout = known.length ? `Known violations, to remove (${known.length}):\n${known.map((k) => `  warn ${k}`).join('\n')}\n` : '';
  let stderr = '';
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const counts = `${output.summary.totalCruised} modules, ${output.summary.totalDependenciesCruised} dependencies, ${linted.length} files linted, ${seconds} s`;
  if (!errors.length) return { status: 0, stdout: `${stdout}Architecture check passed (${counts}).\n`, stderr };
  const why = [...new Set(errors.map((e) => e.rule))].flatMap((name) =>
    [...new Set(rules.filter((r) => r.name === name).map((r) => r.comment))].map((c) => `  ${name}: ${c}`));
  stderr = `Architecture check failed: ${errors.length} violation(s) (${counts})\n${errors.map((e) => `  error ${e.line}`).join('\n')}\n`;
  if (why.length) stderr += `Why:\n${why.join('\n')}\n`;
  return { status: 1, stdout, stderr };
}

if (process.argv[2] === '--json') {
  const results = [];
  for (const dir of process.argv.slice(3)) results.push({ root: dir, ...(await check(resolve(dir))) });
  process.stdout.write(`${JSON.stringify(results)}\n`, () => process.exit(0));
} else {
  const { status, stdout, stderr } = await check(process.cwd());
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  // enhanced-resolve's file-system cache keeps a timer for 4 s after the cruise: don't wait for it.
  process.exitCode = status;
  process.stdout.write('', () => process.exit(status));
}
