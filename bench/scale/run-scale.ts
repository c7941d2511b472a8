import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createBenchDatabase, serverFacts, vacuumAnalyze, type BenchDatabase } from '../support/database.js';
import { log, notMeasured, table, type Row } from '../support/report.js';
import { startServer, type RunningServer } from '../support/servers.js';
import { generate } from './generate.js';
import { dailyFigure, httpFigures, logFacts, rebuildFigure, rssOf, sizeFigure, verifyFigure } from './figures.js';
import { scaleSettings as s, type ScaleFigure } from './settings.js';

/*
 * npm run bench -- scale: generates a national-scale log through the product's command path
 * (bench/scale/generate.ts), then measures the rebuild, the chain's verification, a daily check pass,
 * the board's requests, the database's size and the API's RSS on it. See bench/README.md.
 */

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const PASSWORD = 'PhanCap@2026';

export async function runScale(databaseUrl: string): Promise<void> {
  const startedAt = Date.now();
  const loads: string[] = [load()];
  const cpus = os.cpus();
  log(`phancap bench — scale — ${new Date().toISOString()}`);
  log(`machine: ${cpus.length} cores (${cpus[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average at start (1/5/15 min): ${loads[0]}`);
  const sampler = setInterval(() => loads.push(load()), 30_000).unref();
  const rows: Row[] = [];
  const servers: RunningServer[] = [];
  let database: BenchDatabase | undefined;
  const dataDir = mkdtempSync(join(os.tmpdir(), 'phancap-scale-'));
  let interrupted = false;
  let completed = false;
  const cleanup = async () => {
    clearInterval(sampler);
    await Promise.all(servers.map((x) => x.stop().catch(() => undefined)));
    if (!(s.keep && completed) && !s.database) await database?.drop().catch((e) => log(`could not drop ${database?.name}: ${(e as Error).message}`));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    interrupted = true;
    log('\ninterrupted: stopping the servers and dropping the scale database');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let url: string;
    if (s.database) {
      const u = new URL(databaseUrl);
      u.pathname = `/${s.database}`;
      url = u.toString();
      log(`measuring the existing database ${s.database} (SCALE_DATABASE): no generation`);
    } else {
      database = await createBenchDatabase(databaseUrl);
      url = database.url;
    }
    const facts = await serverFacts(url);
    log(`PostgreSQL ${facts.version} (autovacuum ${facts.autovacuum}, shared_buffers ${facts.sharedBuffers}, synchronous_commit ${facts.synchronousCommit}); `
      + `database ${database?.name ?? s.database}${s.keep || s.database ? ', kept' : ', dropped at the end'}`);

    let generated: Awaited<ReturnType<typeof generate>> | undefined;
    if (!s.database) {
      log(`\n[scale] generating about ${s.events.toLocaleString('en-US')} events through the command path (SCALE_EVENTS), ${s.start} → ${s.end}, `
        + `${s.concurrency} decisions at once (SCALE_CONCURRENCY), seed ${s.seed}`);
      generated = await generate(url, s);
      const perEvent = (generated.seconds * 1000) / generated.events;
      log(`    generated ${generated.events.toLocaleString('en-US')} events (${generated.decisions} decisions, ${generated.bodies} bodies) in ${generated.seconds.toFixed(0)} s: `
        + `${perEvent.toFixed(2)} ms per event, so 1M in ${((perEvent * 1e6) / 60_000).toFixed(0)} min and 10M in ${((perEvent * 1e7) / 3_600_000).toFixed(1)} h at this rate; `
        + `the process's own CPU ${((generated.cpuSeconds * 1000) / generated.events).toFixed(2)} ms per event (PostgreSQL's not counted), load average now ${load()}`);
      log(`    commands: ${[...generated.commands].map(([k, v]) => `${k} ${v}`).join(', ')}`);
      const refused = [...generated.refused].sort((a, b) => b[1] - a[1]);
      const refusedTotal = refused.reduce((n, [, v]) => n + v, 0);
      log(`    refused by the domain: ${refusedTotal}${refused.length ? `: ${refused.slice(0, 8).map(([k, v]) => `${v}× ${k}`).join('; ')}` : ''}`);
      const ticks = [...generated.ticks].sort((a, b) => a - b);
      const worst = generated.ticks.indexOf(ticks[ticks.length - 1]);
      log(`    the reconciler's daily tick during the run (plan + its checks, in-process): median ${ticks[ticks.length >> 1]?.toFixed(0)} ms, `
        + `p99 ${ticks[Math.floor(ticks.length * 0.99)]?.toFixed(0)} ms, max ${ticks[ticks.length - 1]?.toFixed(0)} ms (${generated.tickChecks[worst]} checks)`);
      rows.push({
        figure: 'generation (command path)', phancap: `${perEvent.toFixed(2)} ms/event`, floor: '—', ratio: null,
        target: '1M < 30 min', met: perEvent * 1e6 < 30 * 60_000, note: `${generated.events} events in ${generated.seconds.toFixed(0)} s (CPU of the process ${((generated.cpuSeconds * 1000) / generated.events).toFixed(2)} ms/event); 1M ≈ ${((perEvent * 1e6) / 60_000).toFixed(0)} min at this rate`,
      });
    }
    const { events, decisions, issued } = await logFacts(url);
    log(`    the log: ${events.toLocaleString('en-US')} events, ${decisions} decisions (${issued} in effect)`);
    const vacuum = async () => log(`    VACUUM ANALYZE took ${(await vacuumAnalyze(url)).toFixed(0)} ms`);
    const env = { DATABASE_URL: url, SEED_DEMO: 'false', BACKGROUND_JOBS: 'off', EXPIRY_SWEEP_INTERVAL_MS: '0', REDIS_URL: '', NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: dataDir, CHECKPOINT_DIR: join(dataDir, 'checkpoints') };
    const attempt = async (name: ScaleFigure, label: string, body: () => Promise<Row[]>) => {
      if (!s.only.has(name) || interrupted) return;
      log(`\n[scale] ${label}`);
      try {
        await vacuum();
        rows.push(...(await body()));
      } catch (e) {
        log(`    ${name} failed: ${(e as Error).stack ?? e}`);
        rows.push(notMeasured(label, '—', `failed: ${(e as Error).message.split('\n')[0]}`));
      }
    };
    await attempt('size', 'database size', async () => [await sizeFigure(url, events)]);
    await attempt('verify', 'verification of the whole chain', () => verifyFigure(url, events, env, 2));
    await attempt('daily', 'a daily check pass', () => dailyFigure(url, s.end, events));
    await attempt('http', "the board's requests", async () => {
      const phancap = await startServer('phancap', env);
      servers.push(phancap);
      const bare = await startServer('bare', { DATABASE_URL: url, NODE_ENV: 'production' });
      servers.push(bare);
      const idle = rssOf(phancap.pid);
      const out = await httpFigures(phancap, bare, url, s.requests, s.end, PASSWORD);
      const after = rssOf(phancap.pid);
      log(`    the API's RSS: ${(idle.rss / 2 ** 20).toFixed(0)} MiB after start, ${(after.rss / 2 ** 20).toFixed(0)} MiB after the requests (peak ${(after.hwm / 2 ** 20).toFixed(0)} MiB)`);
      out.push({ figure: "API's RSS", phancap: `${(after.rss / 2 ** 20).toFixed(0)} MiB (peak ${(after.hwm / 2 ** 20).toFixed(0)})`, floor: '—', ratio: null, target: '—', met: true });
      await Promise.all([phancap.stop(), bare.stop()]);
      return out;
    });
    await attempt('rebuild', 'rebuild of the read models', async () => [await rebuildFigure(url, env, events, decisions, s.rebuildRounds)]);

    loads.push(load());
    log(`\nload average (1/5/15 min) at start ${loads[0]}, during the run (every 30 s) max 1-min ${Math.max(...loads.map((l) => Number(l.split(' ')[0]))).toFixed(2)}, at end ${loads[loads.length - 1]}; `
      + `the run took ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    log(`machine: ${cpus.length} cores; PostgreSQL ${facts.version}; ${events.toLocaleString('en-US')} events\n`);
    log(table(rows));
    if (rows.some((r) => r.met === null)) process.exitCode = 1;
    completed = true;
    if (s.keep && database) log(`\nkept the database ${database.name} (SCALE_KEEP=1): SCALE_DATABASE=${database.name} measures it again; drop it with DROP DATABASE "${database.name}"`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!interrupted) await cleanup();
  }
}

export { pg };
