import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/operator';
import { appendFigure } from './figures/append.js';
import { signingFigure } from './figures/signing.js';
import { httpFigures } from './figures/http.js';
import { rebuildFigure, seedRebuildLog } from './figures/rebuild.js';
import { remindersFigures } from './figures/reminders.js';
import { sprayFigure } from './figures/spray.js';
import { streamFigure } from './figures/stream.js';
import { Api, typicalDecision } from './support/api.js';
import { config, SCALE, type FigureName } from './support/config.js';
import { runScale } from './scale/run-scale.js';
import { createBenchDatabase, createFloorTable, serverFacts, vacuumAnalyze, type BenchDatabase } from './support/database.js';
import { log, notMeasured, table, type Row } from './support/report.js';
import { startServer, type RunningServer } from './support/servers.js';

/*
 * npm run bench: each figure of phancap beside its floor, measured in the same run, alternating, as a
 * ratio. See bench/README.md. The figures are measured in the order that keeps each one's data its
 * own (the rebuild first, on a log of only its seeded decisions; the appends last, so their rows never
 * enter the rebuild), and printed in the issue's order at the end.
 */

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const TARGETS: Record<FigureName, string[]> = {
  append: ['≥ 0.6×'], signing: ['≥ 0.9× (≤ 10 %)'], http: ['≥ 0.5×', '≥ 0.3×', 'p99/p50 < 5×'], stream: ['≤ 2×'], rebuild: ['≥ 0.5×'], spray: ['≤ 3×'],
  reminders: ['p99 ≤ 2 s', '≥ 167/s', '≥ 167/s', '≥ 0.3×'],
};
const LABELS: Record<FigureName, string[]> = {
  append: ['append'], signing: ['append signed vs unsigned'], http: ['HTTP GET one decision', 'HTTP POST propose', 'POST p99 @ ½ peak'], stream: ['update-draft @ v1000 vs v5'], rebuild: ['rebuild'],
  spray: ['GET p50 during a spray vs idle'],
  reminders: ['reminder p99 lateness', 'reminders/s', 'e-mails/s to a local SMTP server', 'scheduling reminder jobs'],
};

async function main(): Promise<void> {
  const startedAt = Date.now();
  const loadStart = load();
  const cpus = os.cpus();
  log(`phancap bench — ${new Date().toISOString()}`);
  log(`machine: ${cpus.length} cores (${cpus[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  log(`load average at start (1/5/15 min): ${loadStart}`);

  const rows = new Map<FigureName, Row[]>();
  const servers: RunningServer[] = [];
  let database: BenchDatabase | undefined;
  const dataDir = mkdtempSync(join(os.tmpdir(), 'phancap-bench-'));
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    log('\ninterrupted: stopping the servers and dropping the bench database');
    void cleanup().finally(() => process.exit(130));
  };
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await database?.drop().catch((e) => log(`could not drop ${database?.name}: ${(e as Error).message}`));
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    database = await createBenchDatabase(config.databaseUrl);
    const url = database.url;
    const facts = await serverFacts(url);
    log(`PostgreSQL ${facts.version} at ${new URL(config.databaseUrl).host} (autovacuum ${facts.autovacuum}, shared_buffers ${facts.sharedBuffers}, synchronous_commit ${facts.synchronousCommit}); database ${database.name}, dropped at the end`);
    log(`figures: ${[...config.only].join(', ')}; BENCH_SECONDS=${config.seconds}, BENCH_ROUNDS=${config.rounds}`);

    const migrate = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      await migrate.runMigrations({ transaction: 'each' });
    } finally {
      await migrate.destroy();
    }
    await createFloorTable(url);

    const env = {
      DATABASE_URL: url, SEED_DEMO: 'true', BACKGROUND_JOBS: 'off', EXPIRY_SWEEP_INTERVAL_MS: '0', REDIS_URL: '',
      NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: dataDir, CHECKPOINT_DIR: join(dataDir, 'checkpoints'),
    };
    const needsApi = config.only.has('http') || config.only.has('stream') || config.only.has('rebuild') || config.only.has('spray') || config.only.has('reminders');
    const phancap = needsApi ? await startServer('phancap', env) : undefined;
    if (phancap) servers.push(phancap);
    const bare = config.only.has('http') ? await startServer('bare', { DATABASE_URL: url, NODE_ENV: 'production' }) : undefined;
    if (bare) servers.push(bare);
    if (phancap) {
      log(`servers: phancap API (createApp, logger off, BACKGROUND_JOBS=off, NODE_ENV=production) pid ${phancap.pid} on ${phancap.base}`
        + `${bare ? `; bare NestJS pid ${bare.pid} on ${bare.base}` : ''}; the web app is ${existsSync(resolve('dist/web/index.html')) ? '' : 'not '}built (dist/web), as served by createApp`);
    }
    const api = phancap ? new Api(phancap.base) : undefined;

    const vacuum = async () => log(`    VACUUM ANALYZE (autovacuum is ${facts.autovacuum} on this server) took ${(await vacuumAnalyze(url)).toFixed(0)} ms`);
    const attempt = async (name: FigureName, body: () => Promise<Row[]>) => {
      if (!config.only.has(name) || interrupted) return;
      try {
        rows.set(name, await body());
      } catch (e) {
        log(`    ${name} failed: ${(e as Error).stack ?? e}`);
        rows.set(name, LABELS[name].map((label, i) => notMeasured(label, TARGETS[name][i], `failed: ${(e as Error).message.split('\n')[0]}`)));
      }
    };

    await attempt('rebuild', async () => {
      const { decisions, templates } = config.rebuild;
      log(`\n[4] seeding the log for the rebuild: ${decisions} decisions × 7 events (${Math.min(decisions, templates)} through the API, the rest copies of them)`);
      await seedRebuildLog(api!, url, config);
      await vacuum();
      return [await rebuildFigure(url, env, config)];
    });
    await attempt('stream', async () => {
      await vacuum();
      return [await streamFigure(api!, config)];
    });
    await attempt('spray', async () => {
      // Sprayed from 127.0.0.2 and up: the bench's own logins (127.0.0.1) are not throttled by it.
      const decisionId = await typicalDecision(api!, 1);
      const token = await api!.token('auditor');
      await vacuum();
      return [await sprayFigure({ base: phancap!.base, token, decisionId }, config)];
    });
    await attempt('http', async () => {
      const decisionId = await typicalDecision(api!, 0);
      const token = await api!.token('proposer');
      await vacuum();
      return httpFigures({ url, phancap: { base: phancap!.base, token, decisionId }, floor: { base: bare!.base } }, config);
    });
    await attempt('reminders', async () => {
      const decisionId = await typicalDecision(api!, 2);
      await vacuum();
      return remindersFigures({ url, env, decisionId }, config);
    });
    await attempt('append', async () => {
      await vacuum();
      return [await appendFigure(url, config)];
    });
    await attempt('signing', async () => {
      await vacuum();
      return [await signingFigure(url, config)];
    });

    const loadEnd = load();
    log(`\nload average at end (1/5/15 min): ${loadEnd}; the run took ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    log(`machine: ${cpus.length} cores; load average ${loadStart} at start, ${loadEnd} at end; PostgreSQL ${facts.version}; VACUUM ANALYZE before each figure\n`);
    const ordered = (['append', 'signing', 'http', 'stream', 'rebuild', 'spray', 'reminders'] as FigureName[]).flatMap((n) => rows.get(n) ?? []);
    log(table(ordered));
    if (ordered.some((r) => r.met === null)) process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!interrupted) await cleanup();
  }
}

(SCALE ? runScale(config.databaseUrl) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
