import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EmailChannel } from '../email-channel.js';
import { renderEscalation, renderReminder } from '../templates.js';
import { verifyWebhookSignature, WebhookChannel, type WebhookPayload } from '../webhook-channel.js';
import { type NotificationMessage } from '../message.js';
import { DispatchError, NotificationBusyError, NotificationDispatcher, type DispatchReport } from './notification-dispatcher.js';
import { decodeRfc2047, openNotificationsDb, startSmtp, startWebhook, type TestSmtp, type TestWebhook } from '../testing/servers.js';

const SECRET = 'webhook-secret-for-tests';
const TITLE = 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất cho tổ chức';

describe('NotificationDispatcher (real SMTP server, real webhook receiver, PostgreSQL)', () => {
  let db: DataSource;
  let smtp: TestSmtp;
  let hook: TestWebhook;
  let email: EmailChannel;
  let dispatcher: NotificationDispatcher;

  beforeAll(async () => {
    [db, smtp, hook] = await Promise.all([openNotificationsDb('notifications_dispatch'), startSmtp(), startWebhook()]);
    await db.query(`UPDATE users SET email = username || '@travinh.gov.vn' WHERE id IN ('user-reviewer', 'user-legal')`);
    await db.query(`UPDATE bodies SET head_name = 'Lê Thị Hạnh', head_email = 'giamdoc.snv@travinh.gov.vn' WHERE id = 'tv-so-noi-vu'`);
    email = new EmailChannel(smtp.url, '"Hệ thống phancap" <no-reply@phancap.travinh.gov.vn>', { timeoutMs: 5000 });
    dispatcher = new NotificationDispatcher(db, { email, webhook: new WebhookChannel(hook.url, SECRET, { timeoutMs: 5000 }) });
  });

  afterAll(async () => {
    email?.close();
    await Promise.all([smtp?.close(), hook?.close(), db?.destroy()]);
  });

  const reminder = (recipients: NotificationMessage['recipients'] = [{ userId: 'user-reviewer' }]) =>
    renderReminder({
      deadlineId: randomUUID(),
      decisionId: randomUUID(),
      title: TITLE,
      dueOn: '2026-11-26',
      workingDaysLeft: 2,
      task: { vi: 'thẩm định', en: 'appraisal' },
      recipients,
      now: '2026-11-24T01:00:00Z',
    });
  const count = async (sql: string, params: unknown[]) => (await db.query(sql, params))[0].n as number;
  const inboxRows = (id: string) => count(`SELECT count(*)::int AS n FROM notification_inbox WHERE notification_id = $1`, [id]);

  it('sends the e-mail in UTF-8 (Vietnamese subject intact) and a signed webhook call, and fills the inbox', async () => {
    const m = reminder();
    const mailsBefore = smtp.mails.length;
    const callsBefore = hook.calls.length;
    const report = await dispatcher.dispatch(m);

    expect(report).toMatchObject({ notificationId: m.id, created: true, inboxAdded: 1 });
    expect(report.deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'sent'], ['webhook', 'sent']]);

    // The e-mail, as the SMTP server received it.
    expect(smtp.mails).toHaveLength(mailsBefore + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['reviewer@travinh.gov.vn']);
    expect(mail.from).toBe('no-reply@phancap.travinh.gov.vn');
    expect(mail.headers.get('to')).toContain('<reviewer@travinh.gov.vn>');
    expect(decodeRfc2047(mail.headers.get('to')!)).toContain('Trần Thị Bình'); // display name from the users table
    const rawSubject = mail.headers.get('subject')!;
    expect(rawSubject).toMatch(/^[\x20-\x7e]+$/); // 7-bit on the wire: RFC 2047 encoded words
    const subject = decodeRfc2047(rawSubject);
    expect(subject).toBe(`[Nhắc việc] Hồ sơ «${TITLE}» sắp đến hạn 26/11/2026 — còn 2 ngày làm việc`);
    expect(subject).toBe(subject.normalize('NFC'));
    expect(mail.headers.get('content-type')).toMatch(/charset=utf-8/i);
    expect(mail.headers.get('x-phancap-notification')).toBe(m.id);
    expect(mail.headers.get('message-id')).toMatch(/^<[0-9a-f]{32}@phancap\.travinh\.gov\.vn>$/);

    // The webhook call: signed, names the delivery.
    expect(hook.calls).toHaveLength(callsBefore + 1);
    const call = hook.calls.at(-1)!;
    expect(call.headers['x-phancap-delivery']).toBe(m.id);
    expect(call.headers['content-type']).toMatch(/^application\/json/);
    expect(verifyWebhookSignature(call.raw, call.headers['x-phancap-signature'], SECRET)).toBe(true);
    expect(verifyWebhookSignature(call.raw, call.headers['x-phancap-signature'], 'another-secret')).toBe(false);
    const tampered = Buffer.from(call.raw.toString('utf8').replace('26/11/2026', '27/11/2026'), 'utf8');
    expect(tampered.equals(call.raw)).toBe(false);
    expect(verifyWebhookSignature(tampered, call.headers['x-phancap-signature'], SECRET)).toBe(false);
    const payload = JSON.parse(call.raw.toString('utf8')) as WebhookPayload;
    expect(payload).toMatchObject({ id: m.id, kind: 'reminder', decisionId: m.decisionId, subject: m.subject });
    expect(String(payload.timestamp)).toBe(call.headers['x-phancap-timestamp']);
    expect(JSON.stringify(payload.recipients)).not.toContain('@'); // addresses stay inside phancap

    expect(await inboxRows(m.id)).toBe(1);
  });

  it('sends each notification once: a replay, and two workers at once, send nothing more', async () => {
    const m = reminder();
    const mails = smtp.mails.length;
    const calls = hook.calls.length;
    await dispatcher.dispatch(m);
    const again = await dispatcher.dispatch(m);
    expect(again).toMatchObject({ created: false, inboxAdded: 0 });
    expect(again.deliveries.every((d) => d.status === 'skipped')).toBe(true);
    expect(smtp.mails.length - mails).toBe(1);
    expect(hook.calls.length - calls).toBe(1);
    expect(await inboxRows(m.id)).toBe(1);

    // A stalled job taken over while the first worker still runs it: the advisory lock serialises them.
    const n = reminder();
    const both = await Promise.all([dispatcher.dispatch(n), dispatcher.dispatch(n)]);
    expect(both.flatMap((r) => r.deliveries.map((d) => d.status)).sort()).toEqual(['sent', 'sent', 'skipped', 'skipped']);
    expect(smtp.mails.length - mails).toBe(2);
    expect(hook.calls.length - calls).toBe(2);
    expect(await inboxRows(n.id)).toBe(1);
  });

  it('SMTP refusing a recipient once: the job fails, the retry sends only that e-mail', async () => {
    const m = reminder([{ userId: 'user-reviewer' }, { userId: 'user-legal' }]);
    const mails = smtp.mails.length;
    const calls = hook.calls.length;
    smtp.rejectNextRcpt(1);

    const first = await dispatcher.dispatch(m).then(() => undefined, (e: unknown) => e);
    expect(first).toBeInstanceOf(DispatchError);
    expect((first as DispatchError).report.deliveries.map((d) => [d.recipient, d.status])).toEqual([
      ['reviewer@travinh.gov.vn', 'failed'],
      ['legal@travinh.gov.vn', 'sent'],
      [expect.stringContaining('/hooks/phancap'), 'sent'],
    ]);
    expect(smtp.mails.slice(mails).map((x) => x.to)).toEqual([['legal@travinh.gov.vn']]);
    expect(hook.calls.length - calls).toBe(1);
    const [failed] = await db.query(
      `SELECT status, attempts, last_error FROM notification_deliveries WHERE notification_id = $1 AND recipient = 'reviewer@travinh.gov.vn'`, [m.id]);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/450|busy/i);

    // The queue retries the job (as after a worker crash mid-job).
    const retry = await dispatcher.dispatch(m);
    expect(retry.deliveries.map((d) => d.status)).toEqual(['sent', 'skipped', 'skipped']);
    expect(smtp.mails.slice(mails).map((x) => x.to)).toEqual([['legal@travinh.gov.vn'], ['reviewer@travinh.gov.vn']]);
    expect(hook.calls.length - calls).toBe(1);
    const rows = await db.query(
      `SELECT channel, recipient, status, attempts FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel, recipient`, [m.id]);
    expect(rows.map((r: { status: string; attempts: number }) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 2], ['sent', 1]]);
  });

  it('webhook answering 500 once: the job fails, the retry calls the webhook again and sends no second e-mail', async () => {
    const head = await dispatcher.bodyHead('tv-so-noi-vu');
    expect(head).toEqual({ name: 'Lê Thị Hạnh', email: 'giamdoc.snv@travinh.gov.vn' });
    const m = renderEscalation({
      deadlineId: randomUUID(),
      decisionId: randomUUID(),
      title: TITLE,
      dueOn: '2026-11-20',
      workingDaysOverdue: 3,
      bodyName: { vi: 'Sở Nội vụ tỉnh Trà Vinh', en: 'Trà Vinh Department of Home Affairs' },
      responsible: ['Trần Thị Bình'],
      recipients: [head!],
      now: '2026-11-25T01:00:00Z',
    });
    const mails = smtp.mails.length;
    const calls = hook.calls.length;
    hook.failNext(1);

    await expect(dispatcher.dispatch(m)).rejects.toThrow(DispatchError);
    expect(smtp.mails.length - mails).toBe(1);
    expect(hook.calls.slice(calls).map((c) => c.status)).toEqual([500]);

    const retry = await dispatcher.dispatch(m);
    expect(retry.deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'skipped'], ['webhook', 'sent']]);
    expect(smtp.mails.length - mails).toBe(1);
    expect(hook.calls.slice(calls).map((c) => c.status)).toEqual([500, 204]);
    const last = hook.calls.at(-1)!;
    expect(last.headers['x-phancap-delivery']).toBe(m.id);
    expect(verifyWebhookSignature(last.raw, last.headers['x-phancap-signature'], SECRET)).toBe(true);

    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['giamdoc.snv@travinh.gov.vn']);
    expect(decodeRfc2047(mail.headers.get('subject')!)).toBe(`[Quá hạn] Hồ sơ «${TITLE}» đã quá hạn 20/11/2026 — chậm 3 ngày làm việc`);
    const [row] = await db.query(`SELECT status, attempts, last_error FROM notification_deliveries WHERE notification_id = $1 AND channel = 'webhook'`, [m.id]);
    expect(row).toEqual({ status: 'sent', attempts: 2, last_error: null });
  });

  it('many at once (dispatchMany): each e-mail once, two batches of the same notifications racing, a refusal failing only its own', async () => {
    const batch = Array.from({ length: 40 }, () => reminder());
    const ids = new Set(batch.map((m) => m.id));
    const mine = () => smtp.mails.filter((x) => ids.has(x.headers.get('x-phancap-notification')!));
    const other = new NotificationDispatcher(db, { email, webhook: new WebhookChannel(hook.url, SECRET, { timeoutMs: 5000 }) });
    smtp.rejectNextRcpt(1);
    const [a, b] = await Promise.all([dispatcher.dispatchMany(batch), other.dispatchMany([...batch].reverse())]);
    const results = [...a, ...[...b].reverse()];
    // Each notification was taken by one batch; the other got it busy (its job is retried), or found it sent.
    for (let i = 0; i < batch.length; i++) {
      const pair = [results[i], results[i + batch.length]];
      expect(pair.filter((r) => r instanceof NotificationBusyError).length).toBeLessThanOrEqual(1);
    }
    const failed = results.filter((r) => r instanceof DispatchError);
    expect(failed).toHaveLength(1);
    // The retry: the busy ones and the refused one; everything already sent is skipped.
    const again = await dispatcher.dispatchMany(batch);
    expect(again.every((r) => !(r instanceof Error))).toBe(true);
    const statuses = (again as DispatchReport[]).flatMap((r) => r.deliveries.filter((d) => d.channel === 'email').map((d) => d.status));
    expect(statuses.filter((st) => st === 'sent')).toHaveLength(1);
    expect(statuses.filter((st) => st === 'skipped')).toHaveLength(batch.length - 1);
    const counts = new Map<string, number>();
    for (const x of mine()) counts.set(x.headers.get('x-phancap-notification')!, (counts.get(x.headers.get('x-phancap-notification')!) ?? 0) + 1);
    expect([...ids].map((id) => counts.get(id) ?? 0)).toEqual(batch.map(() => 1));
    expect(await count(`SELECT count(*)::int AS n FROM notification_deliveries WHERE notification_id = ANY($1) AND status = 'sent'`, [[...ids]])).toBe(2 * batch.length);
    expect(await count(`SELECT count(*)::int AS n FROM notification_inbox WHERE notification_id = ANY($1)`, [[...ids]])).toBe(batch.length);
  });
});
