import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { bullJobId, bullSettings, jobIds } from '@app/jobs';
import { DEMO_PASSWORD } from '@app/operator';
import { startSmtp, type TestSmtp } from '@app/notifications/testing';
import { phanCapProposal, scratchDatabase } from './support/harness.js';

/*
 * Scale-out: 2 API processes and 3 worker processes, as an operator runs them (the built dist, one
 * process each), on one PostgreSQL (a database of its own) and one Redis (a queue prefix of its own).
 * Commands go to both APIs; one worker is killed (SIGKILL) while they run. Every check must have run,
 * every reminder and notice must have been e-mailed exactly once to each of its recipients, and no
 * finding may be raised twice.
 */

const redisUrl = process.env.TEST_REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;
const API = resolve('dist/apps/api/src/main.js');
const WORKER = resolve('dist/apps/worker/src/main.js');
const DECISIONS = 12;

interface Proc { name: string; child: ChildProcess; output: () => string; exited: Promise<number | null> }

function start(name: string, file: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return { name, child, output: () => out, exited: new Promise((done) => child.on('exit', (code) => done(code))) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms: number, procs: Proc[] = []): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}\n${procs.map((p) => `--- ${p.name}:\n${p.output().slice(-3000)}`).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const freePort = () => new Promise<number>((done, fail) => {
  const s = createServer();
  s.once('error', fail);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => done(port));
  });
});

describeWithRedis('scale-out: 2 APIs and 3 workers on one PostgreSQL and one Redis, one worker killed mid-run', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let sql: pg.Client;
  let smtp: TestSmtp;
  let dataDir: string;
  const procs: Proc[] = [];
  const prefix = `${process.env.TEST_REDIS_PREFIX ?? 'phancap-test'}-scale-out`;
  const apis: string[] = [];

  beforeAll(async () => {
    for (const f of [API, WORKER]) if (!existsSync(f)) throw new Error(`${f} is missing: npm test builds it (npm run build:api) before the end-to-end tests`);
    [db, smtp] = await Promise.all([scratchDatabase('scaleout'), startSmtp()]);
    dataDir = mkdtempSync(join(os.tmpdir(), 'phancap-scale-out-'));
    const common = {
      DATABASE_URL: db.url, REDIS_URL: redisUrl!, QUEUE_PREFIX: prefix, NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: smtp.url, DATA_DIR: dataDir, CHECKPOINT_DIR: join(dataDir, 'checkpoints'), EXPIRY_SWEEP_INTERVAL_MS: '0',
      // Each stage's reminder falls weeks before its deadline, so it is due (and sent) at once, whatever the weekday.
      REMINDER_LEAD_WORKING_DAYS: '30', FOLLOW_INTERVAL_MS: '100', RECONCILE_INTERVAL_MS: '2000', CHAIN_INTERVAL_MS: '500',
      // A delivery the killed worker left without an outcome is reconciled after 15 s, not 2 minutes.
      DELIVERY_IN_DOUBT_AFTER_MS: '15000',
    };
    const api = async (n: number, seed: boolean) => {
      const port = await freePort();
      const p = start(`api ${n}`, API, { ...common, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: seed ? 'true' : 'false' });
      procs.push(p);
      await until(`api ${n} to listen`, async () => {
        if (p.child.exitCode !== null) throw new Error(`api ${n} exited:\n${p.output()}`);
        return fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => (r.ok ? true : undefined), () => undefined);
      }, 60_000, [p]);
      apis.push(`http://127.0.0.1:${port}`);
    };
    // The first API migrates the empty database and seeds the demo; the others start on it together.
    await api(1, true);
    const workers = [1, 2, 3].map((n) => start(`worker ${n}`, WORKER, { ...common, SEED_DEMO: 'false' }));
    procs.push(...workers);
    await Promise.all([
      api(2, false),
      ...workers.map((w) => until(`${w.name} to start`, () => {
        if (w.child.exitCode !== null) throw new Error(`${w.name} exited:\n${w.output()}`);
        return /Worker started/.test(w.output()) ? true : undefined;
      }, 60_000, [w])),
    ]);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => Promise.race([p.exited, new Promise((r) => setTimeout(r, 10_000))])));
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    const cleanup = new Queue('checks', { connection: bullSettings(redisUrl ?? 'redis://127.0.0.1:6379').connection, prefix });
    const reminders = new Queue('reminders', { connection: bullSettings(redisUrl ?? 'redis://127.0.0.1:6379').connection, prefix });
    await Promise.all([cleanup, reminders].map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await Promise.all([cleanup.close(), reminders.close()]);
    await sql?.end();
    await smtp?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every check and sends every reminder and notice once to each recipient, with no finding twice', async () => {
    const login = async (base: string, username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      expect(res.status).toBe(200);
      return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
    };
    const tokens = await Promise.all(apis.map((base) => login(base, 'proposer')));
    const post = async (i: number, path: string, body: object) => {
      const res = await fetch(`${apis[i % 2]}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: tokens[i % 2] }, body: JSON.stringify(body) });
      const json = (await res.json()) as { decisionId: string };
      if (res.status >= 300) throw new Error(`${path} on api ${(i % 2) + 1}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    // Each decision proposed on one API and submitted on the other; the proposal names a non-delegable
    // power, so its checks raise a finding (non-delegable:TV-DD-01).
    const ids: string[] = [];
    const killed = procs.find((p) => p.name === 'worker 2')!;
    for (let i = 0; i < DECISIONS; i++) {
      const { decisionId } = await post(i, '/api/v1/decisions', phanCapProposal({ delegateBodyId: 'tv-so-tnmt', powerIds: ['TV-DD-01'], sector: 'dat-dai', title: `Phân cấp thử nghiệm mở rộng số ${i + 1}` }));
      await post(i + 1, `/api/v1/decisions/${decisionId}/submit`, {});
      ids.push(decisionId);
      if (i === DECISIONS / 2 - 1) {
        // Mid-run, once the workers have taken some of the jobs: one dies without a word.
        await until('the workers to take the first checks', async () => {
          const { rows } = await sql.query(`SELECT count(*)::int AS n FROM events WHERE event_type = 'FindingRaised' AND stream_id = ANY($1)`, [ids]);
          return rows[0].n > 0 ? true : undefined;
        }, 30_000, procs);
        killed.child.kill('SIGKILL');
      }
    }
    expect(await killed.exited).toBe(null);
    expect(killed.child.signalCode).toBe('SIGKILL');

    // Every check ran: the job of each submission (version 2) completed, and its finding is on the stream.
    const checks = new Queue('checks', { connection: bullSettings(redisUrl!).connection, prefix });
    try {
      await until('every check job to complete', async () => {
        const states = await Promise.all(ids.map(async (id) => (await checks.getJob(bullJobId(jobIds.check(id, 2))))?.getState()));
        return states.every((s) => s === 'completed') ? true : undefined;
      }, 100_000, procs);
    } finally {
      await checks.close();
    }
    const findings = await until('a finding on every decision', async () => {
      const { rows } = await sql.query(
        `SELECT stream_id, data->>'key' AS key, count(*)::int AS n FROM events
          WHERE event_type = 'FindingRaised' AND stream_id = ANY($1) GROUP BY 1, 2`, [ids]);
      return ids.every((id) => rows.some((r) => r.stream_id === id && r.key === 'non-delegable:TV-DD-01')) ? rows : undefined;
    }, 30_000, procs);
    // No finding raised twice, though the killed worker's jobs ran again elsewhere.
    expect(findings.filter((r: { n: number }) => r.n > 1)).toEqual([]);

    // Every reminder of the submitted stage, and every hand-off notice of the submission, went out.
    const { rows: deadlines } = await sql.query(`SELECT id FROM deadlines WHERE decision_id = ANY($1) AND subject = 'submitted'`, [ids]);
    expect(deadlines).toHaveLength(DECISIONS);
    const wanted = [...deadlines.map((d: { id: string }) => jobIds.reminder(d.id, 'remind')), ...ids.map((id) => jobIds.handoff(id, 2))];
    await until('every reminder and notice recorded as sent', async () => {
      const { rows } = await sql.query(
        `SELECT n.id, bool_and(d.status = 'sent') AS done, count(d.*)::int AS deliveries FROM notifications n
           LEFT JOIN notification_deliveries d ON d.notification_id = n.id WHERE n.id = ANY($1) GROUP BY n.id`, [wanted]);
      return rows.length === wanted.length && rows.every((r) => r.done && r.deliveries > 0) ? true : undefined;
    }, 90_000, procs);
    // Exactly once: one e-mail for each delivery the ledger records, none more (give stragglers a moment).
    // The one exception is the ledger's documented window: the killed worker had handed an e-mail to the
    // SMTP server but not recorded it; that delivery is reconciled (re-sent with the same Message-ID).
    await new Promise((r) => setTimeout(r, 2000));
    const { rows: ledger } = await sql.query(
      `SELECT notification_id, recipient, reconciled, message_id FROM notification_deliveries WHERE notification_id = ANY($1) AND channel = 'email'`, [wanted]);
    const received = new Map<string, string[]>();
    for (const m of smtp.mails) {
      const id = m.headers.get('x-phancap-notification')!;
      if (!wanted.includes(id)) continue;
      for (const to of m.to) received.set(`${id} ${to.toLowerCase()}`, [...(received.get(`${id} ${to.toLowerCase()}`) ?? []), m.headers.get('message-id')!]);
    }
    expect(ledger.length).toBeGreaterThanOrEqual(wanted.length);
    expect([...received.keys()].sort()).toEqual(ledger.map((r: { notification_id: string; recipient: string }) => `${r.notification_id} ${r.recipient}`).sort());
    for (const r of ledger as Array<{ notification_id: string; recipient: string; reconciled: number; message_id: string }>) {
      const copies = received.get(`${r.notification_id} ${r.recipient}`)!;
      expect({ delivery: `${r.notification_id} ${r.recipient}`, copies: copies.length <= (r.reconciled > 0 ? 2 : 1), sameMessageId: new Set(copies).size })
        .toEqual({ delivery: `${r.notification_id} ${r.recipient}`, copies: true, sameMessageId: 1 });
      expect(copies[0]).toBe(r.message_id);
    }

    // The survivors are still up.
    expect(procs.filter((p) => p !== killed).every((p) => p.child.exitCode === null)).toBe(true);
  }, 150_000);
});
