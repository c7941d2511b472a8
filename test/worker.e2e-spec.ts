import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import { bullSettings } from '@app/jobs';
import { startBullWorkers } from '@app/jobs';
import { BullJobQueue, JobHandlers, JobQueue, jobIds } from '@app/jobs';
import { IntentDispatcher } from '@app/operator';
import { Reconciler } from '@app/operator';
import { HandoffNotifier, ReminderProcessor } from '@app/notifications';
import { CheckDecisionProcessor } from '@app/accountability';
import { decodeRfc2047, startSmtp, type TestSmtp } from '@app/notifications/testing';
import { phanCapProposal, startTestApp, type TestApp } from './support/harness.js';

const redisUrl = process.env.TEST_REDIS_URL;
// The global setup fails the run in CI when Redis is missing; elsewhere it has said loudly why this is skipped.
const describeWithRedis = redisUrl ? describe : describe.skip;

/** A Redis database of this file's own, so FLUSHDB here touches nothing else. */
function ownDatabase(url: string): string {
  const u = new URL(url);
  u.pathname = '/7';
  return u.toString();
}

describeWithRedis('BullMQ workers on Redis', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let redis: Redis;
  let url: string;
  const prefix = `${process.env.TEST_REDIS_PREFIX ?? 'phancap-test'}-worker`;
  const workers: Worker[] = [];

  beforeAll(async () => {
    url = ownDatabase(redisUrl!);
    redis = new Redis(url);
    await redis.flushdb();
    smtp = await startSmtp();
    t = await startTestApp({ REDIS_URL: url, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t.close();
    await smtp.close();
    redis.disconnect();
  });

  const submitted = async (at: string) => {
    t.clock.set(at);
    const proposer = await t.login('proposer');
    const id = (await t.http().post('/api/v1/decisions').set('Authorization', proposer).send(phanCapProposal())).body.decisionId;
    expect((await t.http().post(`/api/v1/decisions/${id}/submit`).set('Authorization', proposer).send({})).status).toBe(200);
    const [deadline] = (await t.http().get(`/api/v1/decisions/${id}/deadlines`).set('Authorization', proposer)).body.items;
    return { id, deadline };
  };
  const inboxRows = async (notificationId: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM notification_inbox WHERE notification_id = $1`, [notificationId]))[0].n);
  const sentEmails = async (notificationId: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM notification_deliveries WHERE notification_id = $1 AND channel = 'email' AND status = 'sent'`, [notificationId]))[0].n);
  const until = async (what: () => Promise<boolean>, ms = 15_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await what()) return;
    throw new Error('timed out');
  };

  it('loses no reminder when Redis is flushed: the reconciler re-creates the job from the deadline table', async () => {
    const { deadline } = await submitted('2026-03-02T02:00:00Z');
    const jobId = jobIds.reminder(deadline.id, 'remind');
    // The follower queues the checks and the reminder (no worker runs yet). The database is shared with
    // the other test files, so it may have a backlog to read first.
    while ((await t.app.get(IntentDispatcher).poll()) > 0);
    const queue = t.app.get(JobQueue);
    expect(await queue.pending('send-reminder', jobId)).toBe(true);

    await redis.flushdb(); // Redis restarted without persistence
    expect(await queue.pending('send-reminder', jobId)).toBe(false);
    await t.app.get(Reconciler).tick();
    expect(await queue.pending('send-reminder', jobId)).toBe(true);

    workers.push(...startBullWorkers(bullSettings(url, prefix), t.app.get(JobHandlers), 2));
    await until(async () => (await inboxRows(jobId)) > 0 && (await sentEmails(jobId)) > 0);
    await new Promise((r) => setTimeout(r, 200)); // let BullMQ mark the job completed
    await t.app.get(Reconciler).tick(); // the reconciler sees it was sent and queues nothing more
    expect(await queue.pending('send-reminder', jobId)).toBe(false);
    // Other test files' decisions share the database, so only this reminder's mails count.
    const mails = smtp.mails.filter((m) => m.headers.get('x-phancap-notification') === jobId);
    expect(mails[0]?.to).toEqual(['reviewer.lead@travinh.example']);
    expect(mails).toHaveLength(1);
    expect(decodeRfc2047(mails[0].headers.get('subject')!)).toContain(deadline.dueOn.split('-').reverse().join('/'));
  });

  it('shows the queue dashboard, which holds every province’s jobs, to the national operator only', async () => {
    expect((await t.http().get('/admin/queues')).status).toBe(401);
    // A province's admin (Trà Vinh's or Quảng Nam's) may neither look nor pause: 403 on the page, its API and its controls.
    for (const user of ['proposer', 'admin', 'qn.admin']) {
      const auth = { Authorization: await t.login(user) };
      for (const res of [
        await t.http().get('/admin/queues').set(auth),
        await t.http().get('/admin/queues/api/queues').set(auth),
        await t.http().put('/admin/queues/api/queues/reminders/pause').set(auth),
        await t.http().get(`/admin/queues?token=${auth.Authorization.slice('Bearer '.length)}`),
      ]) {
        expect({ user, status: res.status, type: res.body.type }).toEqual({ user, status: 403, type: 'urn:phancap:problem:role-not-allowed' });
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    }
    expect(await (t.app.get(JobQueue) as BullJobQueue).queues.get('reminders')!.isPaused()).toBe(false);
    const denied = await t.http().get('/admin/queues/api/queues').set('Authorization', await t.login('qn.admin')).set('Accept-Language', 'en');
    expect(denied.body).toMatchObject({ permission: 'queues:manage', allowedRoles: ['operator'], messages: { detail: { vi: expect.stringContaining('vận hành') } } });
    expect(denied.body.detail).toMatch(/national system operator/);
    const operator = await t.http().get('/admin/queues').set('Authorization', await t.login('operator'));
    expect(operator.status).toBe(200);
    expect(operator.text).toContain('<');
    const api = await t.http().get('/admin/queues/api/queues').set('Authorization', await t.login('operator'));
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['checks', 'reminders']);
  });

  it('sends once across a worker crash mid-job: the retry finds every channel already delivered', async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    const { id, deadline } = await submitted('2026-03-16T02:00:00Z');
    t.clock.set('2026-03-19T02:00:00Z'); // overdue: the escalation is due
    const reminders = t.app.get(ReminderProcessor);
    const checks = t.app.get(CheckDecisionProcessor);
    const escalation = jobIds.reminder(deadline.id, 'escalate');
    let crashes = 0;
    const crashing = new JobHandlers();
    crashing.register('check-decision', (p) => checks.run(p));
    const handoffs = t.app.get(HandoffNotifier);
    crashing.register('notify-handoff', (p) => handoffs.run(p));
    crashing.register('send-reminder', async (p) => {
      const outcome = await reminders.run(p);
      if (p.deadlineId === deadline.id && p.type === 'escalate' && crashes++ === 0) throw new Error('worker died after sending, before acknowledging');
      return outcome;
    });
    workers.push(...startBullWorkers(bullSettings(url, prefix), crashing, 2));
    await t.app.get(Reconciler).scheduleReminders(id);
    await until(async () => crashes >= 2 && (await sentEmails(escalation)) > 0, 20_000); // the first attempt crashed, BullMQ ran it again
    const head = smtp.mails.filter((m) => m.headers.get('x-phancap-notification') === escalation && m.to.includes('giamdoc.snv@travinh.example'));
    expect(head).toHaveLength(1);
    expect(await inboxRows(escalation)).toBeGreaterThan(0);
    const deliveries = await t.db.query(`SELECT channel, recipient, status, attempts FROM notification_deliveries WHERE notification_id = $1`, [escalation]);
    expect(deliveries.every((d: { status: string }) => d.status === 'sent')).toBe(true);
  });
});
