import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyWebhookSignature } from '@app/notifications';
import { IntentDispatcher } from '@app/operator';
import { Reconciler } from '@app/operator';
import { decodeRfc2047, startSmtp, startWebhook, type TestSmtp, type TestWebhook } from '@app/notifications/testing';
import { phanCapProposal, startTestApp, type TestApp } from './support/harness.js';

const SECRET = 'webhook-secret-of-the-e-office-system';

/** The embedded default: no Redis, the same processors run in-process, driven by the deadline table. */
describe('deadlines, reminders and escalations (in-process, no Redis)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let hook: TestWebhook;
  beforeAll(async () => {
    smtp = await startSmtp();
    hook = await startWebhook();
    t = await startTestApp({ SMTP_URL: smtp.url, WEBHOOK_URL: hook.url, WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await hook.close();
  });

  const follow = () => t.app.get(IntentDispatcher).poll();
  const reconcile = () => t.app.get(Reconciler).tick();
  const propose = async (body = phanCapProposal()) => {
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(body);
    expect(res.status).toBe(201);
    return res.body.decisionId as string;
  };
  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    expect(res.status).toBe(200);
  };
  const deadlines = async (id: string) =>
    (await t.http().get(`/api/v1/decisions/${id}/deadlines`).set('Authorization', await t.login('auditor'))).body.items;
  // Decisions of other test files share the database: count only the mails of one notification.
  const mailsOf = (notificationId: string, address: string) =>
    smtp.mails.filter((m) => m.headers.get('x-phancap-notification') === notificationId && m.to.includes(address));

  it('reminds the people responsible before a stage deadline, once, by inbox, e-mail and signed webhook', async () => {
    t.clock.set('2026-03-02T02:00:00Z'); // Monday 09:00 in Vietnam
    const id = await propose();
    await act(id, 'submit', 'proposer');
    const [due] = await deadlines(id);
    // "submitted" has 2 working days: Tue 3 and Wed 4 March; the reminder goes 2 working days before.
    expect(due).toMatchObject({ kind: 'stage', subject: 'submitted', dueOn: '2026-03-04', remindOn: '2026-03-02', status: 'open', responsibleRole: 'reviewer-lead', workingDaysLeft: 2 });
    expect(due.explanation.summary.vi).toBeTruthy();

    await follow();
    await reconcile();
    await follow();
    // Other files' decisions share the database, and every hand-off notifies too: the inbox of this decision.
    const inbox = await t.http().get(`/api/v1/me/notifications?decisionId=${id}`).set('Authorization', await t.login('reviewer.lead'));
    const mine = inbox.body.items.filter((n: { data?: { deadlineId?: string } }) => n.data?.deadlineId === due.id);
    expect(inbox.body.items.every((n: { decisionId: string }) => n.decisionId === id)).toBe(true);
    expect(inbox.body.total).toBe(inbox.body.items.length);
    expect(mine).toHaveLength(1);
    expect(inbox.body.unreadCount).toBeGreaterThanOrEqual(1);
    const mails = mailsOf(`remind:${due.id}`, 'reviewer.lead@travinh.example');
    expect(mails).toHaveLength(1);
    const subject = decodeRfc2047(mails[0].headers.get('subject')!);
    expect(subject).toContain('[Nhắc việc]');
    expect(subject).toContain('04/03/2026');
    expect(subject).toBe(subject.normalize('NFC'));
    const calls = hook.calls.filter((c) => c.headers['x-phancap-delivery'] === `remind:${due.id}`);
    expect(calls).toHaveLength(1);
    expect(verifyWebhookSignature(calls[0].raw, calls[0].headers['x-phancap-signature'], SECRET)).toBe(true);
  });

  it('escalates to the head of the body once the deadline has passed, and stops when the stage moves on', async () => {
    t.clock.set('2026-03-09T02:00:00Z');
    const id = await propose();
    await act(id, 'submit', 'proposer'); // due Wednesday 11 March
    await follow();
    const [due] = await deadlines(id);
    expect(due.dueOn).toBe('2026-03-11');

    t.clock.set('2026-03-11T09:00:00Z'); // still the due day: no escalation yet
    await reconcile();
    expect(mailsOf(`escalate:${due.id}`, 'giamdoc.snv@travinh.example')).toHaveLength(0);

    t.clock.set('2026-03-12T02:00:00Z'); // overdue
    await reconcile();
    await reconcile();
    const escalations = mailsOf(`escalate:${due.id}`, 'giamdoc.snv@travinh.example');
    expect(escalations).toHaveLength(1);
    expect(decodeRfc2047(escalations[0].headers.get('subject')!)).toContain('11/03/2026');
    expect(hook.calls.filter((c) => c.headers['x-phancap-delivery'] === `escalate:${due.id}`)).toHaveLength(1);

    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    const after = await deadlines(id);
    expect(after.find((d: { id: string }) => d.id === due.id)).toMatchObject({ status: 'late', closedOn: '2026-03-12' });
    expect(after.find((d: { subject: string }) => d.subject === 'in-appraisal')).toMatchObject({ status: 'open', responsibleUserId: 'user-reviewer' });
  });

  it('counts a deadline across Tết in working days and explains how', async () => {
    t.clock.set('2026-02-12T02:00:00Z'); // Thursday before Tết Bính Ngọ (off 14–22/2)
    const id = await propose();
    await act(id, 'submit', 'proposer');
    const [due] = await deadlines(id);
    expect(due.dueOn).toBe('2026-02-23'); // Fri 13/2 counts, then Tết, then Monday 23/2
    const skipped = due.explanation.steps.filter((s: { counted: boolean }) => !s.counted);
    expect(skipped.map((s: { date: string }) => s.date)).toContain('2026-02-17');
    expect(skipped.find((s: { date: string }) => s.date === '2026-02-17').reason.vi).toContain('Tết');
  });

  it('stops the appraisal clock while a revision request waits on the proposer', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = await propose();
    await act(id, 'submit', 'proposer');
    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' }); // 15 working days: due 23 March
    t.clock.set('2026-03-09T02:00:00Z');
    await act(id, 'request-revision', 'reviewer', { reasons: ['Bổ sung hồ sơ'] }); // 10 of 15 left
    t.clock.set('2026-03-30T02:00:00Z');
    await act(id, 'resubmit', 'proposer', { response: 'Đã bổ sung' });
    const rows = await deadlines(id);
    const appraisal = rows.filter((d: { subject: string }) => d.subject === 'in-appraisal');
    expect(appraisal.map((d: { status: string }) => d.status)).toEqual(['paused', 'open']);
    expect(appraisal[0].dueOn).toBe('2026-03-23');
    expect(appraisal[1].dueOn).toBe('2026-04-13'); // the 10 working days left, counted again from 30/3
    expect(appraisal[1].explanation.notes[0].en).toContain('10 working days were left');
  });
});
