import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { bullJobId, bullSettings } from '@app/jobs';
import { phanCapProposal, scratchDatabase, startTestApp, type TestApp } from './support/harness.js';

const redisUrl = process.env.TEST_REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;
const WORKER = resolve('dist/apps/worker/src/main.js');

/** The worker as an operator starts it (`npm run start:worker` runs this file), in a process of its own. */
function startWorker(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [WORKER], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return { child, output: () => out, exited: new Promise((done) => child.on('exit', (code) => done(code))) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeWithRedis('the worker process (apps/worker/src/main.ts, built)', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const url = (() => { const u = new URL(redisUrl ?? 'redis://127.0.0.1:6379'); u.pathname = '/8'; return u.toString(); })();
  const prefix = `${process.env.TEST_REDIS_PREFIX ?? 'phancap-test'}-worker-main`;
  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: npm test builds it (npm run build:api) before the end-to-end tests`);
    // A database of its own: the worker takes every intent it finds, and the other files leave theirs.
    db = await scratchDatabase('worker');
    t = await startTestApp({ DATABASE_URL: db.url, REDIS_URL: url, QUEUE_PREFIX: prefix });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('refuses to start without REDIS_URL, saying so', async () => {
    const w = startWorker({ DATABASE_URL: db.url });
    expect(await w.exited).toBe(1);
    expect(w.output()).toContain('the worker needs REDIS_URL and DATABASE_URL');
  });

  it('boots its own WorkerModule, takes what the API asked for and runs it, and stops on SIGTERM', async () => {
    const w = startWorker({
      DATABASE_URL: db.url, REDIS_URL: url, QUEUE_PREFIX: prefix, SEED_DEMO: 'false', FOLLOW_INTERVAL_MS: '100',
    });
    try {
      await until('the worker to start', () => (/Worker started/.test(w.output()) ? true : undefined));
      expect(w.output()).toMatch(/Queue checks.*Processing jobs/);
      expect(w.output()).toMatch(/Queue reminders.*Processing jobs/);

      const proposer = await t.login('proposer');
      const id = (await t.http().post('/api/v1/decisions').set('Authorization', proposer).send(phanCapProposal())).body.decisionId as string;
      const submitted = await t.http().post(`/api/v1/decisions/${id}/submit`).set('Authorization', proposer).send({});
      expect(submitted.status).toBe(200);
      // The API asked for the checks of version 2 (an intent); the worker's dispatcher queued them and its checks processor ran them.
      const queue = new Queue('checks', { connection: bullSettings(url).connection, prefix });
      try {
        const state = await until('the check job to complete', async () => {
          const job = await queue.getJob(bullJobId(`check:${id}:2`));
          const s = job && (await job.getState());
          return s === 'completed' || s === 'failed' ? s : undefined;
        });
        expect(state).toBe('completed');
      } finally {
        await queue.close();
      }
      expect(await t.db.query(`SELECT id FROM intents WHERE stream_id = $1 AND run_at IS NULL`, [id])).toEqual([]);
    } finally {
      w.child.kill('SIGTERM');
    }
    await expect(Promise.race([w.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('still running'), 15_000))])).resolves.toBe('exited');
  });
});
