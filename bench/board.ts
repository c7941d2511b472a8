import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/operator';
import { Api, phanCapProposal } from './support/api.js';
import { createBenchDatabase, vacuumAnalyze, type BenchDatabase } from './support/database.js';
import { log, ms } from './support/report.js';
import { startServer, type RunningServer } from './support/servers.js';

/*
 * npm run bench:board — the staff web app's pages at BENCH_BOARD_DECISIONS decisions (default 1,000) in
 * headless Chromium against the real API (createApp, as npm start builds it), on a database of its own:
 * for each page, the time from navigation to its content (median of BENCH_BOARD_ROUNDS cold loads, each
 * in a fresh browser context: no cache), the number of API calls and the bytes of their answers. A
 * measurement, not a test: it prints the figures and passes or fails nothing.
 */

const DECISIONS = Number(process.env.BENCH_BOARD_DECISIONS ?? 1000);
const ROUNDS = Number(process.env.BENCH_BOARD_ROUNDS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const PAGES: Array<{ name: string; path: string; ready: string }> = [
  { name: 'board (Bảng hồ sơ)', path: '/', ready: '[data-testid="board-count"]' },
  { name: 'table view', path: '/?view=table', ready: '[data-testid="table-row"]' },
  { name: 'my work (Việc của tôi)', path: '/work', ready: '[data-testid="table-count"][data-total]:not([data-total=""])' },
  { name: 'dashboard', path: '/dashboard', ready: '[data-testid="dash-total"]' },
  { name: 'audit picker', path: '/audit', ready: '[data-testid="audit-matches"]:not([data-total=""])' },
];

async function seed(api: Api): Promise<void> {
  const ids: string[] = [];
  const batch = async <T>(xs: T[], work: (x: T, i: number) => Promise<unknown>) => {
    for (let i = 0; i < xs.length; i += 16) await Promise.all(xs.slice(i, i + 16).map((x, j) => work(x, i + j)));
  };
  for (const u of ['proposer', 'reviewer.lead']) await api.token(u);
  await batch(Array.from({ length: DECISIONS }), async (_, i) => {
    ids[i] = (await api.command('proposer', '/api/v1/decisions', phanCapProposal({ title: `Phân cấp thủ tục hành chính số ${i}` }), 201)).decisionId;
  });
  // Four in five submitted, a quarter of those assigned: the open columns all have cards.
  const submitted = ids.slice(0, Math.floor(DECISIONS * 0.8));
  await batch(submitted, (id) => api.act(id, 'submit', 'proposer'));
  await batch(submitted.slice(0, Math.floor(submitted.length / 4)), (id) => api.act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' }));
}

async function main(): Promise<void> {
  if (!existsSync(resolve('dist/web/index.html'))) throw new Error('dist/web is not built: npm run build:web first');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const servers: RunningServer[] = [];
  let database: BenchDatabase | undefined;
  let browser: Browser | undefined;
  const dataDir = mkdtempSync(join(os.tmpdir(), 'phancap-bench-board-'));
  try {
    log(`phancap bench:board — ${new Date().toISOString()}; ${os.cpus().length} cores, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    database = await createBenchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    const migrate = await new DataSource(dataSourceOptions(database.url)).initialize();
    await migrate.runMigrations({ transaction: 'each' });
    await migrate.destroy();
    const server = await startServer('phancap', {
      DATABASE_URL: database.url, SEED_DEMO: 'true', BACKGROUND_JOBS: 'off', EXPIRY_SWEEP_INTERVAL_MS: '0', REDIS_URL: '',
      NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: dataDir, CHECKPOINT_DIR: join(dataDir, 'checkpoints'),
    });
    servers.push(server);
    const api = new Api(server.base);
    const t0 = Date.now();
    await seed(api);
    log(`seeded ${DECISIONS} decisions in ${((Date.now() - t0) / 1000).toFixed(0)} s; VACUUM ANALYZE took ${ms(await vacuumAnalyze(database.url))}`);
    const login = await api.request('POST', '/api/v1/auth/login', { username: 'reviewer.lead', password: 'PhanCap@2026' });
    const session = JSON.stringify(login.body);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    log(`\n${ROUNDS} cold loads per page (fresh context, no cache), 1280×800, as reviewer.lead (Sở Nội vụ):`);
    log('page | median load to content | min | max | API calls | API bytes');
    for (const p of PAGES) {
      const times: number[] = [];
      let calls = 0;
      let bytes = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const context = await browser.newContext({ baseURL: server.base, viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
        await context.addInitScript(`sessionStorage.setItem('phancap.session', ${JSON.stringify(session)})`);
        const page = await context.newPage();
        const answers: Array<Promise<number>> = [];
        page.on('response', (res) => {
          if (new URL(res.url()).pathname.startsWith('/api/')) answers.push(res.body().then((b) => b.length, () => 0));
        });
        const start = performance.now();
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor({ timeout: 60_000 });
        times.push(performance.now() - start);
        await page.waitForLoadState('networkidle');
        const sizes = await Promise.all(answers);
        calls = sizes.length;
        bytes = sizes.reduce((a, b) => a + b, 0);
        await context.close();
      }
      log(`${p.name} | ${ms(median(times))} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} | ${calls} | ${(bytes / 1024).toFixed(0)} KiB`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await database?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  log(`bench:board failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
