import type { DataSource, QueryRunner } from 'typeorm';
import type { EmailChannel } from '../email-channel.js';
import type { NotificationMessage, Recipient } from '../message.js';
import type { WebhookChannel } from '../webhook-channel.js';

export interface DispatcherChannels {
  email?: EmailChannel;
  webhook?: WebhookChannel;
}

export interface DeliveryOutcome {
  channel: 'email' | 'webhook';
  /** The e-mail address (lower case) or the webhook target URL. */
  recipient: string;
  /** `skipped`: an earlier attempt was already recorded as sent. */
  status: 'sent' | 'skipped' | 'failed';
  error?: string;
}

export interface DispatchReport {
  notificationId: string;
  /** False when the notification was already stored (a retry or a replay). */
  created: boolean;
  /** Inbox rows added by this call. */
  inboxAdded: number;
  deliveries: DeliveryOutcome[];
  /** Recipients that got no e-mail: no address known (inbox only). */
  withoutEmail: Recipient[];
}

/** Thrown after every channel was tried when at least one failed; the queue should retry the job. */
export class DispatchError extends Error {
  constructor(readonly report: DispatchReport) {
    const failed = report.deliveries.filter((d) => d.status === 'failed');
    super(`notification ${report.notificationId}: ${failed.length} delivery(ies) failed: ${failed.map((d) => `${d.channel} ${d.recipient}: ${d.error}`).join('; ')}`);
    this.name = 'DispatchError';
  }
}

/** Namespace of the advisory locks taken here (first key of pg_advisory_lock(int, int)). */
const LOCK_NAMESPACE = 0x7068_6e74; // "phnt"

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 1000);
  const code = (e as { code?: unknown }).code;
  return `${e.name}${code ? ` ${String(code)}` : ''}: ${e.message}`.slice(0, 1000);
}

/**
 * Stores a notification, puts it in its users' inboxes and sends it by e-mail and webhook,
 * EACH DELIVERY ONCE, however often the job that calls it runs.
 *
 * - The notification row and inbox rows are keyed by the message id (ON CONFLICT DO NOTHING).
 * - Every external delivery (one per e-mail address, one for the webhook) has a row in
 *   notification_deliveries. A delivery already recorded `sent` is skipped; otherwise it is sent and
 *   then recorded `sent`, or `failed` with attempts + 1. After all were tried, any failure is
 *   rethrown (DispatchError) so the queue retries the job, and the retry sends only what is not `sent`.
 * - Dispatches of the same id are serialised by a session advisory lock, so two workers running the
 *   same job at once (a stalled job taken over) do not both send.
 *
 * The window that remains: a crash (or a lost database connection) after the SMTP server or the
 * webhook accepted a message but before its `sent` row was written. The retry then sends it again.
 * Closing it would need a transaction spanning the remote system. It is narrowed as far as can be:
 * the e-mail's Message-ID is derived from (notification id, address), so mail stores that drop
 * duplicate Message-IDs hide it, and every webhook call carries `X-Phancap-Delivery: <notification
 * id>`, on which receivers must dedupe.
 *
 * A plain class: construct it in a worker or register it in Nest with a factory.
 */
export class NotificationDispatcher {
  constructor(
    private readonly db: DataSource,
    private readonly channels: DispatcherChannels = {},
  ) {}

  async dispatch(message: NotificationMessage): Promise<DispatchReport> {
    if (!message.id || message.id.length > 500) throw new Error('notification id must be 1–500 characters');
    const qr = this.db.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(`SELECT pg_advisory_lock($1, hashtext($2))`, [LOCK_NAMESPACE, message.id]);
      try {
        return await this.dispatchLocked(qr, message);
      } finally {
        await qr.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_NAMESPACE, message.id]);
      }
    } finally {
      await qr.release();
    }
  }

  /** The head (người đứng đầu) of a body, as a recipient for escalations; null when none is recorded. */
  async bodyHead(bodyId: string): Promise<Recipient | null> {
    const [row] = await this.db.query(`SELECT head_name, head_email FROM bodies WHERE id = $1`, [bodyId]);
    if (!row || (!row.head_name && !row.head_email)) return null;
    return { ...(row.head_name ? { name: row.head_name } : {}), ...(row.head_email ? { email: row.head_email } : {}) };
  }

  private async dispatchLocked(qr: QueryRunner, message: NotificationMessage): Promise<DispatchReport> {
    const userIds = [...new Set(message.recipients.map((r) => r.userId).filter((id): id is string => !!id))];
    let created = false;
    let inboxAdded = 0;
    await qr.startTransaction();
    try {
      const inserted = await qr.query(
        `INSERT INTO notifications (id, kind, decision_id, subject_vi, subject_en, body_vi, body_en, data, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [message.id, message.kind, message.decisionId, message.subject.vi, message.subject.en, message.body.vi, message.body.en,
          JSON.stringify(message.data ?? {}), message.createdAt],
      );
      created = inserted.length === 1;
      if (userIds.length) {
        const rows = await qr.query(
          `INSERT INTO notification_inbox (notification_id, user_id)
           SELECT $1, u FROM unnest($2::text[]) AS u ON CONFLICT DO NOTHING RETURNING user_id`,
          [message.id, userIds],
        );
        inboxAdded = rows.length;
      }
      await qr.commitTransaction();
    } catch (e) {
      await qr.rollbackTransaction();
      throw e;
    }

    const { targets, withoutEmail } = await this.emailTargets(qr, message.recipients);
    const deliveries: DeliveryOutcome[] = [];
    const { email, webhook } = this.channels;
    if (email) {
      for (const [key, recipient] of targets) {
        deliveries.push(await this.deliverOnce(qr, message.id, 'email', key, () => email.send(message, recipient)));
      }
    }
    if (webhook) {
      deliveries.push(await this.deliverOnce(qr, message.id, 'webhook', webhook.target, () => webhook.send(message)));
    }
    const report: DispatchReport = { notificationId: message.id, created, inboxAdded, deliveries, withoutEmail: email ? withoutEmail : [] };
    if (deliveries.some((d) => d.status === 'failed')) throw new DispatchError(report);
    return report;
  }

  /** E-mail addresses, one per address (lower case): given ones first, then users' own from the users table. */
  private async emailTargets(qr: QueryRunner, recipients: Recipient[]) {
    const missing = recipients.filter((r) => !r.email && r.userId).map((r) => r.userId!);
    const known = new Map<string, { email: string | null; display_name: string }>();
    if (missing.length) {
      const rows: Array<{ id: string; email: string | null; display_name: string }> = await qr.query(
        `SELECT id, email, display_name FROM users WHERE id = ANY($1::text[])`,
        [missing],
      );
      for (const r of rows) known.set(r.id, r);
    }
    const targets = new Map<string, Recipient>();
    const withoutEmail: Recipient[] = [];
    for (const r of recipients) {
      const user = r.userId ? known.get(r.userId) : undefined;
      const address = (r.email ?? user?.email ?? '').trim();
      if (!address) {
        withoutEmail.push(r);
        continue;
      }
      const key = address.toLowerCase();
      if (!targets.has(key)) targets.set(key, { ...r, email: address, name: r.name ?? user?.display_name });
    }
    return { targets, withoutEmail };
  }

  private async deliverOnce(
    qr: QueryRunner,
    notificationId: string,
    channel: 'email' | 'webhook',
    recipient: string,
    send: () => Promise<void>,
  ): Promise<DeliveryOutcome> {
    const [row] = await qr.query(
      `SELECT status FROM notification_deliveries WHERE notification_id = $1 AND channel = $2 AND recipient = $3`,
      [notificationId, channel, recipient],
    );
    if (row?.status === 'sent') return { channel, recipient, status: 'skipped' };
    try {
      await send();
    } catch (e) {
      const error = describe(e);
      await qr.query(
        `INSERT INTO notification_deliveries (notification_id, channel, recipient, status, attempts, last_error)
         VALUES ($1,$2,$3,'failed',1,$4)
         ON CONFLICT (notification_id, channel, recipient)
         DO UPDATE SET status = 'failed', attempts = notification_deliveries.attempts + 1, last_error = EXCLUDED.last_error`,
        [notificationId, channel, recipient, error],
      );
      return { channel, recipient, status: 'failed', error };
    }
    // Accepted by the far side: record it at once (the crash window is between these two steps).
    await qr.query(
      `INSERT INTO notification_deliveries (notification_id, channel, recipient, status, attempts, sent_at)
       VALUES ($1,$2,$3,'sent',1,clock_timestamp())
       ON CONFLICT (notification_id, channel, recipient)
       DO UPDATE SET status = 'sent', attempts = notification_deliveries.attempts + 1, sent_at = EXCLUDED.sent_at, last_error = NULL`,
      [notificationId, channel, recipient],
    );
    return { channel, recipient, status: 'sent' };
  }
}
