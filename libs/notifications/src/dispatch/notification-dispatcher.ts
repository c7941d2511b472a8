import type { DataSource, QueryRunner } from 'typeorm';
import type { DeliveryReceipt } from '../channel.js';
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
  /**
   * `sent`: accepted by the far side now. `skipped`: an earlier attempt was already recorded as sent.
   * `failed`: refused or unreachable (the job is retried). `in-doubt`: an earlier attempt has no
   * recorded outcome and is too recent to be reconciled yet (the job is retried later).
   */
  status: 'sent' | 'skipped' | 'failed' | 'in-doubt';
  /** True when this send reconciled an attempt whose outcome was never recorded: a re-send, same Message-ID. */
  reconciled?: boolean;
  /** The far side's answer to a `sent` delivery (the SMTP reply, the webhook's HTTP status). */
  response?: string;
  error?: string;
}

export interface DispatcherOptions {
  /**
   * How old (ms, by the database's clock) an attempt without a recorded outcome must be before it is
   * reconciled by sending it again (default 120 000). Longer than any send can still be running: the
   * SMTP connection, greeting and socket timeouts (15 s each) and the webhook's (10 s), in a process
   * that lost its database session (and so its lock) but not its connection to the far side.
   */
  inDoubtAfterMs?: number;
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
    const failed = report.deliveries.filter((d) => d.status === 'failed' || d.status === 'in-doubt');
    super(`notification ${report.notificationId}: ${failed.length} delivery(ies) not done: ${failed.map((d) => `${d.channel} ${d.recipient} ${d.status}: ${d.error}`).join('; ')}`);
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
 *   notification_deliveries, written BEFORE the attempt: `sending`, with the time it started and the
 *   e-mail's Message-ID, committed before the first byte goes out. Once the far side answers, the row
 *   becomes `sent` with its answer (the SMTP server's reply to the data, the webhook's status), or
 *   `failed` with attempts and the error. After all were tried, any failure is rethrown
 *   (DispatchError) so the queue retries the job, and the retry sends only what is not `sent`.
 * - A `sending` row found by a retry is an attempt whose outcome nobody recorded: its worker was killed
 *   (or lost the database) between the two writes. Younger than `inDoubtAfterMs` it is left alone (the
 *   job fails and is retried later: the first attempt may still be running in a process that lost its
 *   database session, and with it the lock). Older, it is reconciled: sent once more, with the SAME
 *   Message-ID (derived from notification id and address) and the same X-Phancap-Delivery, so a
 *   receiver that dedupes on them shows it once; the row counts it in `reconciled`.
 * - Each user's preferences for the message's kind (notification_preferences) choose whether it goes to
 *   their inbox and whether it is e-mailed; an address given without a user (a body's head) always is.
 * - Dispatches of the same id are serialised by a session advisory lock, so two workers running the
 *   same job at once (a stalled job taken over) do not both send.
 *
 * The window that remains: after the SMTP server's 250 to the data (or the webhook's 2xx) and before
 * our `sent` row is committed, a few milliseconds on a held connection: nodemailer resolves on the
 * 250 itself (it closes the connection without waiting for QUIT), and the update is one statement.
 * A worker killed inside it leaves `sending`, and the reconciliation re-sends that message: the
 * recipient gets it twice, with one Message-ID, unless their mail store drops the duplicate. The same
 * holds when the connection breaks after the data was sent but before the 250 arrived (the server
 * may have accepted it): that is recorded `failed` and retried. Closing the window would need a
 * transaction spanning the SMTP server, which SMTP does not have.
 *
 * A plain class: construct it in a worker or register it in Nest with a factory.
 */
export class NotificationDispatcher {
  private readonly inDoubtAfterMs: number;

  constructor(
    private readonly db: DataSource,
    private readonly channels: DispatcherChannels = {},
    options: DispatcherOptions = {},
  ) {
    this.inDoubtAfterMs = options.inDoubtAfterMs ?? 120_000;
  }

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
    const named = [...new Set(message.recipients.map((r) => r.userId).filter((id): id is string => !!id))];
    // Each user's choice for this kind (no row: inbox and e-mail both on).
    const prefs = new Map<string, { inbox: boolean; email: boolean }>();
    if (named.length) {
      const rows: Array<{ user_id: string; inbox: boolean; email: boolean }> = await qr.query(
        `SELECT user_id, inbox, email FROM notification_preferences WHERE kind = $1 AND user_id = ANY($2::text[])`,
        [message.kind, named],
      );
      for (const r of rows) prefs.set(r.user_id, r);
    }
    const userIds = named.filter((u) => prefs.get(u)?.inbox !== false);
    const byEmail = message.recipients.filter((r) => !r.userId || prefs.get(r.userId)?.email !== false);
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

    const { targets, withoutEmail } = await this.emailTargets(qr, byEmail);
    const deliveries: DeliveryOutcome[] = [];
    const { email, webhook } = this.channels;
    if (email) {
      for (const [key, recipient] of targets) {
        deliveries.push(await this.deliverOnce(qr, message.id, 'email', key, email.messageIdFor(message, key), () => email.send(message, recipient)));
      }
    }
    if (webhook) {
      deliveries.push(await this.deliverOnce(qr, message.id, 'webhook', webhook.target, undefined, () => webhook.send(message)));
    }
    const report: DispatchReport = { notificationId: message.id, created, inboxAdded, deliveries, withoutEmail: email ? withoutEmail : [] };
    if (deliveries.some((d) => d.status === 'failed' || d.status === 'in-doubt')) throw new DispatchError(report);
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
    messageId: string | undefined,
    send: () => Promise<DeliveryReceipt | void>,
  ): Promise<DeliveryOutcome> {
    const key = [notificationId, channel, recipient];
    const [row]: Array<{ status: string; age_ms: number | null }> = await qr.query(
      `SELECT status, (extract(epoch FROM clock_timestamp() - attempted_at) * 1000)::float8 AS age_ms
         FROM notification_deliveries WHERE notification_id = $1 AND channel = $2 AND recipient = $3`,
      key,
    );
    if (row?.status === 'sent') return { channel, recipient, status: 'skipped' };
    const reconciling = row?.status === 'sending';
    if (reconciling && (row.age_ms ?? Infinity) < this.inDoubtAfterMs) {
      return {
        channel, recipient, status: 'in-doubt',
        error: `an attempt started ${Math.round((row.age_ms ?? 0) / 1000)} s ago has no recorded outcome; it is re-sent once it is ${Math.round(this.inDoubtAfterMs / 1000)} s old`,
      };
    }
    // The attempt is on record (committed: no transaction is open) before anything goes out.
    await qr.query(
      `INSERT INTO notification_deliveries (notification_id, channel, recipient, status, attempts, attempted_at, message_id)
       VALUES ($1,$2,$3,'sending',1,clock_timestamp(),$4)
       ON CONFLICT (notification_id, channel, recipient)
       DO UPDATE SET status = 'sending', attempts = notification_deliveries.attempts + 1, attempted_at = EXCLUDED.attempted_at,
                     message_id = COALESCE(EXCLUDED.message_id, notification_deliveries.message_id),
                     reconciled = notification_deliveries.reconciled + $5`,
      [...key, messageId ?? null, reconciling ? 1 : 0],
    );
    let receipt: DeliveryReceipt;
    try {
      receipt = (await send()) ?? {};
    } catch (e) {
      const error = describe(e);
      await qr.query(
        `UPDATE notification_deliveries SET status = 'failed', last_error = $4
          WHERE notification_id = $1 AND channel = $2 AND recipient = $3`,
        [...key, error],
      );
      return { channel, recipient, status: 'failed', error };
    }
    // Accepted by the far side: record it at once (the window that remains is between these two steps).
    await qr.query(
      `UPDATE notification_deliveries
          SET status = 'sent', sent_at = clock_timestamp(), response = $4, message_id = COALESCE($5, message_id), last_error = NULL
        WHERE notification_id = $1 AND channel = $2 AND recipient = $3`,
      [...key, receipt.response ?? null, receipt.messageId ?? null],
    );
    return { channel, recipient, status: 'sent', ...(reconciling ? { reconciled: true } : {}), ...(receipt.response ? { response: receipt.response } : {}) };
  }
}
