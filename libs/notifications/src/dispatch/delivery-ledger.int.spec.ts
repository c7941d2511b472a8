import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EmailChannel } from '../email-channel.js';
import { renderReminder } from '../templates.js';
import { WebhookChannel } from '../webhook-channel.js';
import { DispatchError, NotificationDispatcher } from './notification-dispatcher.js';
import { openNotificationsDb, startSmtp, startWebhook, type TestSmtp, type TestWebhook } from '../testing/servers.js';

/** The advisory-lock namespace of the dispatcher ("phnt"): its session is the one holding such a lock. */
const LOCK_NAMESPACE = 0x7068_6e74;

describe('the delivery ledger: an attempt is on record before it goes out, and one left in doubt is reconciled', () => {
  let db: DataSource;
  let smtp: TestSmtp;
  let hook: TestWebhook;
  let email: EmailChannel;
  let dispatcher: NotificationDispatcher;

  beforeAll(async () => {
    [db, smtp, hook] = await Promise.all([openNotificationsDb('notifications_ledger'), startSmtp(), startWebhook()]);
    await db.query(`UPDATE users SET email = username || '@travinh.gov.vn' WHERE id = 'user-reviewer'`);
    email = new EmailChannel(smtp.url, '"Hệ thống phancap" <no-reply@phancap.travinh.gov.vn>', { timeoutMs: 5000 });
    dispatcher = new NotificationDispatcher(db, { email, webhook: new WebhookChannel(hook.url, 'webhook-secret-for-tests', { timeoutMs: 5000 }) });
  });

  afterAll(async () => {
    email?.close();
    await Promise.all([smtp?.close(), hook?.close(), db?.destroy()]);
  });

  const reminder = () =>
    renderReminder({
      deadlineId: randomUUID(), decisionId: randomUUID(), title: 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất cho tổ chức',
      dueOn: '2026-11-26', workingDaysLeft: 2, task: { vi: 'thẩm định', en: 'appraisal' },
      recipients: [{ userId: 'user-reviewer' }], now: '2026-11-24T01:00:00Z',
    });
  const emailRow = async (id: string) =>
    (await db.query(`SELECT status, attempts, reconciled, message_id, response, attempted_at, sent_at
                       FROM notification_deliveries WHERE notification_id = $1 AND channel = 'email'`, [id]))[0];

  it('records `sent` with the SMTP server\'s reply and the Message-ID it carried', async () => {
    const m = reminder();
    const report = await dispatcher.dispatch(m);
    expect(report.deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'sent'], ['webhook', 'sent']]);
    const row = await emailRow(m.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, reconciled: 0 });
    expect(row.response).toMatch(/^250 /);
    expect(row.message_id).toBe(smtp.mails.at(-1)!.headers.get('message-id'));
    expect(row.attempted_at.getTime()).toBeLessThanOrEqual(row.sent_at.getTime());
    const [webhook] = await db.query(`SELECT status, response FROM notification_deliveries WHERE notification_id = $1 AND channel = 'webhook'`, [m.id]);
    expect(webhook).toEqual({ status: 'sent', response: 'HTTP 204' });
  });

  it('a worker killed after the SMTP server took the message, before its answer was recorded: the retry waits, then re-sends once with the same Message-ID', async () => {
    const m = reminder();
    const mails = smtp.mails.length;
    const held = smtp.holdNextData();
    const first = dispatcher.dispatch(m).then(() => undefined, (e: unknown) => e);
    await held.stored;

    // The server has the message; the attempt was committed before it went out.
    expect(smtp.mails.length - mails).toBe(1);
    const attempt = await emailRow(m.id);
    expect(attempt).toMatchObject({ status: 'sending', attempts: 1, sent_at: null });
    expect(attempt.message_id).toBe(smtp.mails.at(-1)!.headers.get('message-id'));

    // "kill -9": the worker's database session ends (and with it its lock) while the 250 is on its way.
    const killed = await db.query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objsubid = 2`,
      [LOCK_NAMESPACE],
    );
    expect(killed).toEqual([{ done: true }]);
    held.release();
    expect(await first).toBeInstanceOf(Error);
    expect(await emailRow(m.id)).toMatchObject({ status: 'sending', attempts: 1 });

    // The queue's retry comes at once: an attempt this recent may still be running somewhere, so it
    // sends nothing and fails the job (the queue retries with back-off). The webhook, never tried, goes.
    const soon = await dispatcher.dispatch(m).then(() => undefined, (e: unknown) => e);
    expect(soon).toBeInstanceOf(DispatchError);
    expect((soon as DispatchError).report.deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'in-doubt'], ['webhook', 'sent']]);
    expect((soon as DispatchError).message).toMatch(/no recorded outcome/);
    expect(smtp.mails.length - mails).toBe(1);

    // Two minutes later (the attempt's clock moved back instead): reconciled, re-sent once, same Message-ID.
    await db.query(`UPDATE notification_deliveries SET attempted_at = attempted_at - interval '3 minutes' WHERE notification_id = $1 AND channel = 'email'`, [m.id]);
    const later = await dispatcher.dispatch(m);
    expect(later.deliveries.map((d) => [d.channel, d.status, d.reconciled ?? false])).toEqual([['email', 'sent', true], ['webhook', 'skipped', false]]);
    const copies = smtp.mails.slice(mails);
    expect(copies).toHaveLength(2);
    expect(copies[1].headers.get('message-id')).toBe(copies[0].headers.get('message-id'));
    expect(copies[1].headers.get('x-phancap-notification')).toBe(m.id);
    const row = await emailRow(m.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, reconciled: 1 });
    expect(row.response).toMatch(/^250 /);

    // And never again.
    const again = await dispatcher.dispatch(m);
    expect(again.deliveries.map((d) => d.status)).toEqual(['skipped', 'skipped']);
    expect(smtp.mails.length - mails).toBe(2);
  });

  it('a refused attempt is `failed` with the reply, not in doubt: the retry sends it at once', async () => {
    const m = reminder();
    const mails = smtp.mails.length;
    smtp.rejectNextRcpt(1);
    await expect(dispatcher.dispatch(m)).rejects.toThrow(DispatchError);
    expect(await emailRow(m.id)).toMatchObject({ status: 'failed', attempts: 1 });
    const retry = await dispatcher.dispatch(m);
    expect(retry.deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'sent'], ['webhook', 'skipped']]);
    expect(smtp.mails.length - mails).toBe(1);
    expect(await emailRow(m.id)).toMatchObject({ status: 'sent', attempts: 2, reconciled: 0 });
  });
});
