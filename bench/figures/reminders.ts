import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { vietnamDate } from '@app/delegation';
import { BullJobQueue, bullJobId, bullSettings, jobIds, type QueuedJob } from '@app/jobs';
import type { BenchConfig } from '../support/config.js';
import { median, percentile } from '../support/measure.js';
import { log, ms, rate, type Row } from '../support/report.js';

/*
 * 6. Reminders on time. The real worker process (WorkerModule, its reminder processor and batches,
 * the pooled SMTP transport) sends reminders to an SMTP server in this process (smtp-server), which
 * notes when each e-mail's data ends; a reminder's lateness is that instant minus when its job was due.
 * The floor is a bare BullMQ worker (bench/servers/raw-worker.ts) of the same concurrency whose
 * processor only notes when each delayed job started. Rounds alternate the two.
 */

const RAW_QUEUE = 'bench-raw-reminders';

interface Child { child: ChildProcess; stop: () => Promise<void> }

function startChild(file: string, env: Record<string, string>): Promise<Child> {
  const child = fork(new URL(`../servers/${file}.js`, import.meta.url), [], { env: { ...process.env, ...env }, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within 120 s`)), 120_000);
    child.once('exit', (code) => reject(new Error(`${file} exited before it was ready (code ${code})`)));
    child.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve({ child, stop });
      } else if (m.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`${file}: ${m.message}`));
      }
    });
  });
}

/** The local SMTP server: when each message's data ended, by its X-Phancap-Notification (or X-Bench-Id). */
async function startSmtp() {
  const arrivals = new Map<string, number[]>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 0,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 8192) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const at = Date.now();
        total++;
        const id = /^x-phancap-notification:\s*(\S+)/im.exec(head)?.[1] ?? /^x-bench-id:\s*(\S+)/im.exec(head)?.[1];
        if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), at]);
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, port, arrivals, total: () => total, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const until = async (what: string, ms: number, probe: () => boolean | Promise<boolean>) => {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out after ${(ms / 1000).toFixed(0)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

interface RoundResult { late: number[]; perSecond: number; scheduledPerSecond: number; duplicates: number; mails: number }

export async function remindersFigures(
  { url, env, decisionId }: { url: string; env: Record<string, string>; decisionId: string },
  cfg: BenchConfig,
): Promise<Row[]> {
  const { count: n, spreadSeconds, rounds, redisUrl, leadSeconds } = cfg.reminders;
  const prefix = `phancap-bench-${process.pid}`;
  const settings = bullSettings(redisUrl, prefix);
  const smtp = await startSmtp();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const children: Child[] = [];
  const queue = new BullJobQueue(settings);
  const raw = new Queue(RAW_QUEUE, { connection: settings.connection, prefix });
  try {
    const [template] = (await db.query(`SELECT id FROM deadlines WHERE decision_id = $1 AND kind = 'stage' ORDER BY id LIMIT 1`, [decisionId])).rows;
    if (!template) throw new Error(`decision ${decisionId} has no stage deadline to copy`);
    await db.query(`UPDATE users SET email = coalesce(email, username || '@travinh.example') WHERE id = 'user-reviewer'`);
    const concurrency = Number(env.REMINDER_CONCURRENCY ?? process.env.REMINDER_CONCURRENCY ?? 400);
    const workerEnv = {
      ...env, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, BACKGROUND_JOBS: 'on', SEED_DEMO: 'false',
      RECONCILE_INTERVAL_MS: '3600000', REMINDER_CONCURRENCY: String(concurrency),
    };
    children.push(await startChild('worker', workerEnv));
    const rawWorker = await startChild('raw-worker', { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, RAW_QUEUE, REMINDER_CONCURRENCY: String(concurrency) });
    children.push(rawWorker);
    log(`    worker (WorkerModule, REMINDER_CONCURRENCY=${concurrency}, REMINDER_BATCH_SIZE=${env.REMINDER_BATCH_SIZE ?? process.env.REMINDER_BATCH_SIZE ?? 100}, SMTP_CONNECTIONS=${env.SMTP_CONNECTIONS ?? process.env.SMTP_CONNECTIONS ?? 5}) pid ${children[0].child.pid}; bare BullMQ worker pid ${rawWorker.child.pid}; SMTP server (smtp-server) in this process on ${smtp.port}; Redis ${new URL(redisUrl).host}, prefix ${prefix}`);

    const today = vietnamDate(new Date().toISOString());
    let label = 0;
    const dueTimes = (spreadMs: number) => {
      const t0 = Date.now() + leadSeconds * 1000;
      return Array.from({ length: n }, (_, i) => t0 + (spreadMs ? Math.floor((i * spreadMs) / n) : 0));
    };

    const phancap = async (spreadMs: number): Promise<RoundResult> => {
      const tag = `bench-r${++label}-`;
      await db.query(
        `INSERT INTO deadlines SELECT (jsonb_populate_record(NULL::deadlines, to_jsonb(dl) || jsonb_build_object(
            'id', $2 || g, 'status', 'open', 'remind_on', $3::date, 'due_on', $3::date + 10, 'escalate_on', $3::date + 30,
            'responsible_user_id', 'user-reviewer'))).*
           FROM deadlines dl, generate_series(0, $4::int - 1) g WHERE dl.id = $1`,
        [template.id, tag, today, n],
      );
      const due = dueTimes(spreadMs);
      const jobs: Array<QueuedJob<'send-reminder'>> = due.map((at, i) => ({
        payload: { deadlineId: `${tag}${i}`, type: 'remind' }, options: { jobId: jobIds.reminder(`${tag}${i}`, 'remind'), runAt: new Date(at) },
      }));
      const t = performance.now();
      const queued = await queue.enqueueMany('send-reminder', jobs);
      const scheduledPerSecond = n / ((performance.now() - t) / 1000);
      if (queued !== n) throw new Error(`enqueueMany queued ${queued} of ${n}`);
      if (Date.now() > due[0]) log(`    WARNING: scheduling took longer than the ${leadSeconds} s lead; the first jobs were due before they were queued`);
      const ids = jobs.map((j) => j.options.jobId);
      await until(`${n} reminder e-mails`, spreadMs + 180_000, () => ids.every((id) => smtp.arrivals.has(id)));
      await new Promise((r) => setTimeout(r, 200));
      const late = ids.map((id, i) => smtp.arrivals.get(id)![0] - due[i]);
      const last = Math.max(...ids.map((id) => smtp.arrivals.get(id)![0]));
      const duplicates = ids.reduce((a, id) => a + smtp.arrivals.get(id)!.length - 1, 0);
      const sent = Number((await db.query(`SELECT count(*) AS n FROM notification_deliveries WHERE notification_id = ANY($1) AND status = 'sent'`, [ids])).rows[0].n);
      if (sent !== n) throw new Error(`the ledger records ${sent} sent of ${n}`);
      return { late, perSecond: n / Math.max(0.001, (last - due[0]) / 1000), scheduledPerSecond, duplicates, mails: ids.length + duplicates };
    };

    const floor = async (spreadMs: number): Promise<RoundResult> => {
      const tag = `raw-r${++label}-`;
      const due = dueTimes(spreadMs);
      const t = performance.now();
      const now = Date.now();
      for (let i = 0; i < n; i += 1000) {
        await raw.addBulk(due.slice(i, i + 1000).map((at, k) => ({
          name: 'send-reminder', data: { deadlineId: `${tag}${i + k}`, type: 'remind' },
          opts: { jobId: bullJobId(jobIds.reminder(`${tag}${i + k}`, 'remind')), delay: Math.max(0, at - now), removeOnComplete: true },
        })));
      }
      const scheduledPerSecond = n / ((performance.now() - t) / 1000);
      const late: number[] = [];
      await until(`${n} bare BullMQ jobs`, spreadMs + 180_000, async () => {
        late.push(...(await new Promise<number[]>((r) => {
          rawWorker.child.once('message', (m: { late: number[] }) => r(m.late));
          rawWorker.child.send({ type: 'take' });
        })));
        return late.length >= n;
      });
      // The worker notes lateness from the job's own timestamp + delay; the due instant is a few ms earlier than `now`.
      return { late, perSecond: n / Math.max(0.001, Math.max(...late) / 1000), scheduledPerSecond, duplicates: 0, mails: 0 };
    };

    const alternateRounds = async (what: string, spreadMs: number) => {
      const a: RoundResult[] = [];
      const b: RoundResult[] = [];
      for (let r = 1; r <= Math.max(1, rounds); r++) {
        const order = r % 2 === 1 ? [phancap, floor] : [floor, phancap];
        for (const f of order) (f === phancap ? a : b).push(await f(spreadMs));
        const pa = a.at(-1)!;
        const pb = b.at(-1)!;
        log(`    ${what} round ${r}: phancap p50 ${ms(percentile(pa.late, 50))} p99 ${ms(percentile(pa.late, 99))} max ${ms(Math.max(...pa.late))}, ${rate(pa.perSecond, 'reminders/s')}, scheduled at ${rate(pa.scheduledPerSecond, 'jobs/s')}${pa.duplicates ? `, ${pa.duplicates} DUPLICATE e-mails` : ''}`
          + ` | bare BullMQ p50 ${ms(percentile(pb.late, 50))} p99 ${ms(percentile(pb.late, 99))} max ${ms(Math.max(...pb.late))}, ${rate(pb.perSecond, 'jobs/s')}, addBulk at ${rate(pb.scheduledPerSecond, 'jobs/s')}`);
      }
      return { a, b };
    };

    log(`\n[6] reminders: ${n} due over ${spreadSeconds} s, ${rounds} round(s) each side`);
    const spread = await alternateRounds('spread', spreadSeconds * 1000);
    log(`    ${n} due at the same instant (a burst: how fast they go out)`);
    const burst = await alternateRounds('burst', 0);

    // E-mails: the floor is nodemailer's pooled transport on as many connections, sending as fast as it can.
    const connections = Number(env.SMTP_CONNECTIONS ?? process.env.SMTP_CONNECTIONS ?? 5);
    const mailFloor: number[] = [];
    for (let r = 1; r <= Math.max(1, rounds); r++) {
      const transport = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: connections, maxMessages: Infinity } as never);
      const text = 'Nhắc việc: hồ sơ sắp đến hạn. '.repeat(20);
      const t = performance.now();
      await Promise.all(Array.from({ length: n }, (_, i) => transport.sendMail({
        from: 'no-reply@phancap.local', to: 'reviewer@travinh.example', subject: '[Nhắc việc] Hồ sơ sắp đến hạn', text, headers: { 'X-Bench-Id': `mail-r${r}-${i}` },
      })));
      mailFloor.push(n / ((performance.now() - t) / 1000));
      transport.close();
      log(`    e-mail floor round ${r}: nodemailer pooled (${connections} connections) ${rate(mailFloor.at(-1)!, 'e-mails/s')}`);
    }

    const all = (xs: RoundResult[]) => xs.flatMap((x) => x.late);
    const p99 = percentile(all(spread.a), 99);
    const rawP99 = percentile(all(spread.b), 99);
    const dupes = [...spread.a, ...burst.a].reduce((s, x) => s + x.duplicates, 0);
    const perSecond = median(burst.a.map((x) => x.perSecond));
    const rawPerSecond = median(burst.b.map((x) => x.perSecond));
    const mails = median(burst.a.map((x) => x.perSecond * (x.mails / n)));
    const mailsFloor = median(mailFloor);
    const sched = median([...spread.a, ...burst.a].map((x) => x.scheduledPerSecond));
    const schedRaw = median([...spread.b, ...burst.b].map((x) => x.scheduledPerSecond));
    const needed = n / 60;
    return [
      {
        figure: `reminder p99 lateness, ${n} due over ${spreadSeconds} s`, phancap: `${ms(p99)} (p50 ${ms(percentile(all(spread.a), 50))})`,
        floor: `${ms(rawP99)} (p50 ${ms(percentile(all(spread.b), 50))})`, ratio: p99 / Math.max(1, rawP99), target: 'p99 ≤ 2 s', met: p99 <= 2000 && dupes === 0,
        note: `lateness = the e-mail's arrival at the SMTP server − when its job was due (bare BullMQ: when its processor started); ${dupes} duplicate e-mail(s) over every round`,
      },
      {
        figure: `reminders/s, ${n} due at once`, phancap: `${rate(perSecond, 'reminders/s')} (p99 ${ms(percentile(all(burst.a), 99))})`,
        floor: `${rate(rawPerSecond, 'jobs/s')} (p99 ${ms(percentile(all(burst.b), 99))})`, ratio: perSecond / rawPerSecond, target: `≥ ${rate(needed, '/s')} (${n} a minute)`, met: perSecond >= needed,
      },
      {
        figure: 'e-mails/s to a local SMTP server', phancap: rate(mails, 'e-mails/s'), floor: rate(mailsFloor, 'e-mails/s'), ratio: mails / mailsFloor,
        target: `≥ ${rate(needed, '/s')} (${n} a minute)`, met: mails >= needed,
        note: `phancap: the burst's e-mails (one per reminder) through the worker; floor: nodemailer pooled on ${connections} connections, nothing else`,
      },
      {
        figure: `scheduling ${n} reminder jobs`, phancap: rate(sched, 'jobs/s'), floor: rate(schedRaw, 'jobs/s'), ratio: sched / schedRaw, target: '≥ 0.3×', met: sched / schedRaw >= 0.3,
        note: 'phancap: JobQueue.enqueueMany (each id\'s state asked, then addBulk by 1,000); floor: queue.addBulk by 1,000',
      },
    ];
  } finally {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
    for (const q of [...queue.queues.values(), raw]) await q.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await raw.close();
    await db.end();
    await smtp.close();
  }
}
