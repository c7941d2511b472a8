import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { BenchConfig } from '../support/config.js';
import { typicalDecision, type Api } from '../support/api.js';
import { alternate, inParallel, median } from '../support/measure.js';
import { log, rate, type Row } from '../support/report.js';

const run = promisify(execFile);

/** Seeds `n` decisions of 7 events each through the API (the real command path, inline projections included). */
export async function seedDecisions(api: Api, n: number, concurrency: number): Promise<void> {
  const started = performance.now();
  let done = 0;
  await inParallel([...Array(n).keys()], concurrency, async (i) => {
    await typicalDecision(api, i);
    if (++done % 500 === 0) log(`    seeded ${done}/${n} decisions`);
  });
  const s = (performance.now() - started) / 1000;
  log(`    seeded ${n} decisions × 7 commands over HTTP in ${s.toFixed(1)} s (${rate((7 * n) / s, 'commands/s')}, ${concurrency} in flight)`);
}

// Each clone is a template's events under a new decision id (in the stream id and wherever the data
// names it), so the rebuild folds and projects it exactly as the original: same types, same shapes.
const CLONE_SQL = `WITH t AS (
    SELECT stream_id, row_number() OVER (ORDER BY stream_id) - 1 AS i
      FROM (SELECT DISTINCT stream_id FROM events WHERE stream_type = 'decision') s),
  k AS (SELECT count(*) AS n FROM t),
  clones AS MATERIALIZED (
    SELECT t.stream_id AS template, gen_random_uuid()::text AS id
      FROM generate_series(0, $1::int - 1) g JOIN k ON true JOIN t ON t.i = g % k.n)
  INSERT INTO events (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at)
  SELECT c.id, e.stream_type, e.stream_version, e.event_type, e.schema_version,
         replace(e.data::text, c.template, c.id)::jsonb, replace(e.metadata::text, c.template, c.id)::jsonb, e.occurred_at
    FROM clones c JOIN events e ON e.stream_id = c.template
   ORDER BY c.id, e.stream_version`;

/**
 * The rebuild's log: `templates` decisions through the API (7 commands each, by four roles), then
 * copies of them by SQL up to `decisions` in all. Seeding every decision through the API would take
 * minutes on a 2-core machine (each command costs ~10 ms of the API's CPU); the rebuild cannot tell
 * a copy from an original.
 */
export async function seedRebuildLog(api: Api, url: string, cfg: BenchConfig): Promise<void> {
  const { decisions, templates, seedConcurrency } = cfg.rebuild;
  const through = Math.max(1, Math.min(decisions, templates));
  await seedDecisions(api, through, seedConcurrency);
  if (decisions <= through) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    const { rowCount } = await client.query(CLONE_SQL, [decisions - through]);
    log(`    copied them by SQL into ${decisions - through} more decisions (${rowCount} events) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

/**
 * The file `npm run cli` runs (its script ends in `node dist/<path>.js`), as compiled by the bench's
 * own build into dist/bench-build/<path>.js: the operator CLI wherever it lives.
 */
export function cliFile(): string {
  const script: string = JSON.parse(readFileSync(resolve('package.json'), 'utf8')).scripts?.cli ?? '';
  const m = /node\s+dist\/(\S+\.js)/.exec(script);
  if (!m) throw new Error(`package.json's "cli" script (${JSON.stringify(script)}) does not say which file it runs (node dist/<file>.js)`);
  const file = fileURLToPath(new URL(`../../${m[1]}`, import.meta.url));
  if (!existsSync(file)) throw new Error(`the CLI ${m[1]} (from package.json's "cli" script) was not built at ${file}`);
  return file;
}
const KEYSET_READ = fileURLToPath(new URL('../tools/keyset-read.js', import.meta.url));

interface Timed {
  ms: number;
  how: string;
}

/**
 * `rebuild-projections` of the operator CLI, in a fresh process as an operator runs it. Its time is
 * the one it prints ("Rebuilt the read models of N decision(s)… in X ms": after connecting, before
 * exiting), so process start-up and module loading are left out; if it no longer prints that, the
 * wall time.
 */
export async function cliRebuild(cli: string, env: Record<string, string>, decisions: number): Promise<Timed> {
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, [cli, 'rebuild-projections'], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  const wall = performance.now() - t0;
  const printed = /Rebuilt .* in (\d+) ms/.exec(stdout);
  const rebuilt = /(\d+) decision\(s\)/.exec(printed?.[0] ?? '');
  if (!printed) return { ms: wall, how: `wall time of the CLI process (it printed: ${stdout.trim().split('\n').pop()})` };
  if (rebuilt && Number(rebuilt[1]) !== decisions) throw new Error(`the rebuild reported ${rebuilt[1]} decisions, the log has ${decisions}`);
  return { ms: Number(printed[1]), how: 'as printed by the CLI' };
}

export async function keysetRead(env: Record<string, string>): Promise<{ rows: number; ms: number; parsedByDriver: boolean | null }> {
  const { stdout } = await run(process.execPath, [KEYSET_READ], { env: { ...process.env, ...env } });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

/**
 * Figure 4: the projection rebuild (`npm run cli -- rebuild-projections`) over the seeded log against
 * a bare keyset read of the whole events table, each in a fresh process per round, alternating.
 * Events per second, on both sides: the events in the log (all but a few dozen, the demo's bodies and
 * powers, are the seeded decisions').
 */
export async function rebuildFigure(url: string, env: Record<string, string>, cfg: BenchConfig): Promise<Row> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const [{ decisionEvents, decisions, all }] = (await client.query(`SELECT
      count(*) FILTER (WHERE stream_type = 'decision')::int AS "decisionEvents",
      count(DISTINCT stream_id) FILTER (WHERE stream_type = 'decision')::int AS decisions,
      count(*)::int AS all FROM events`)).rows;
  await client.end();
  const cli = cliFile();
  log(`\n[4] rebuild: ${all} events in the log, ${decisionEvents} of them in ${decisions} decisions (the rest: the demo's bodies and powers); `
    + `${cfg.rebuild.rounds} rounds each side, each in a fresh process; the CLI: ${cli}`);
  let how = '';
  let parsed: boolean | null = null;
  const rebuild = async () => {
    const t = await cliRebuild(cli, env, decisions);
    how = t.how;
    return all / (t.ms / 1000);
  };
  const floor = async () => {
    const k = await keysetRead(env);
    parsed = k.parsedByDriver;
    return k.rows / (k.ms / 1000);
  };
  await floor(); // the first read of the table warms PostgreSQL's cache for both sides
  const r = await alternate(cfg.rebuild.rounds, rebuild, floor, (i, a, b) =>
    log(`    round ${i}: rebuild ${rate(a, 'events/s')} (${(all / a).toFixed(2)} s), keyset read ${rate(b, 'events/s')} (${(all / b).toFixed(2)} s) (${(a / b).toFixed(2)}×)`));
  const a = median(r.phancap);
  const b = median(r.floor);
  const jsonb = parsed === null ? '' : parsed ? '; jsonb came back parsed by pg (its JSON.parse)' : '; jsonb came back as text and was parsed by the floor';
  log(`    median: rebuild ${rate(a, 'events/s')}, keyset read ${rate(b, 'events/s')}, ratio ${(a / b).toFixed(2)}×; rebuild time ${how}${jsonb}`);
  return {
    figure: `rebuild (${all} events)`, phancap: rate(a, 'events/s'), floor: rate(b, 'events/s'),
    ratio: a / b, target: '≥ 0.5×', met: a / b >= 0.5,
    ...(how.startsWith('wall') ? { note: `rebuild time is the ${how}` } : {}),
  };
}
