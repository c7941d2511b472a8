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
 * 250 itself (the pooled connection then carries the next e-mail), and the update is one statement
 * (in a batch, it waits at most for the statement before it: group commit, below).
 * A worker killed inside it leaves `sending`, and the reconciliation re-sends that message: the
 * recipient gets it twice, with one Message-ID, unless their mail store drops the duplicate. The same
 * holds when the connection breaks after the data was sent but before the 250 arrived (the server
 * may have accepted it): that is recorded `failed` and retried. Closing the window would need a
 * transaction spanning the SMTP server, which SMTP does not have.
 *
 * Many at once (`dispatchMany`, the reminder worker's batches): the same ledger, the same order of
 * writes for each delivery, with the I/O of the batch shared. One connection holds the batch's locks
 * (`pg_try_advisory_lock`: an id another worker holds fails its job, which is retried, instead of
 * stalling the batch); the notifications and inbox rows go in one transaction of multi-row inserts;
 * the ledger is read in one query; the attempts are recorded and their outcomes written by group
 * commit: what arrives while one statement runs goes into the next (one multi-row statement each),
 * so an attempt is still on record before it goes out, and an outcome is written as soon as the
 * statement before it is done. The messages go out side by side (the e-mail transport is pooled);
 * within one message its deliveries go one after the other, as in `dispatch`.
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

  /** Dispatches one notification; waits for the lock when another worker is sending the same one. */
  async dispatch(message: NotificationMessage): Promise<DispatchReport> {
    const [result] = await this.dispatchMany([message], { wait: true });
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * Dispatches many notifications, each delivery once; returns, in the order given, each one's report
   * or the error its job should fail with (a DispatchError, or NotificationBusyError when another
   * worker holds its lock). It rejects as a whole only when the database fails under the batch.
   * `wait`: wait for the locks instead of trying them (one message at a time only).
   */
  async dispatchMany(messages: NotificationMessage[], options: { wait?: boolean } = {}): Promise<Array<DispatchReport | Error>> {
    for (const m of messages) if (!m.id || m.id.length > 500) throw new Error('notification id must be 1–500 characters');
    if (options.wait && messages.length > 1) throw new Error('dispatchMany waits for the lock of one message only');
    const unique = [...new Map(messages.map((m) => [m.id, m])).values()];
    if (!unique.length) return [];
    const qr = this.db.createQueryRunner();
    await qr.connect();
    try {
      const ids = unique.map((m) => m.id);
      let locked: Set<string>;
      if (options.wait) {
        await qr.query(`SELECT pg_advisory_lock($1, hashtext($2))`, [LOCK_NAMESPACE, ids[0]]);
        locked = new Set(ids);
      } else {
        const rows: Array<{ id: string; got: boolean }> = await qr.query(
          `SELECT id, pg_try_advisory_lock($1, hashtext(id)) AS got FROM unnest($2::text[]) AS id`, [LOCK_NAMESPACE, ids]);
        locked = new Set(rows.filter((r) => r.got).map((r) => r.id));
      }
      const results = new Map<string, DispatchReport | Error>();
      try {
        const mine = unique.filter((m) => locked.has(m.id));
        const reports = mine.length ? await this.dispatchLocked(qr, mine) : [];
        mine.forEach((m, i) => results.set(m.id, reports[i]));
      } finally {
        if (locked.size) await qr.query(`SELECT pg_advisory_unlock($1, hashtext(id)) FROM unnest($2::text[]) AS id`, [LOCK_NAMESPACE, [...locked]]);
      }
      return messages.map((m) => results.get(m.id) ?? new NotificationBusyError(m.id));
    } finally {
      await qr.release();
    }
  }

  /** Closes the channels' connections (the pooled SMTP transport). */
  close(): void {
    this.channels.email?.close();
  }

  /** The head (người đứng đầu) of a body, as a recipient for escalations; null when none is recorded. */
  async bodyHead(bodyId: string): Promise<Recipient | null> {
    const [row] = await this.db.query(`SELECT head_name, head_email FROM bodies WHERE id = $1`, [bodyId]);
    if (!row || (!row.head_name && !row.head_email)) return null;
    return { ...(row.head_name ? { name: row.head_name } : {}), ...(row.head_email ? { email: row.head_email } : {}) };
  }

  private async dispatchLocked(qr: QueryRunner, messages: NotificationMessage[]): Promise<Array<DispatchReport | Error>> {
    const created = new Set<string>();
    const inboxAdded = new Map<string, number>();
    const named = (m: NotificationMessage) => [...new Set(m.recipients.map((r) => r.userId).filter((id): id is string => !!id))];
    // Each user's choice for each message's kind (no row: inbox and e-mail both on), in one query.
    const prefs = new Map<string, { inbox: boolean; email: boolean }>();
    const asked = messages.flatMap((m) => named(m).map((u) => [m.kind, u]));
    if (asked.length) {
      const rows: Array<{ kind: string; user_id: string; inbox: boolean; email: boolean }> = await qr.query(
        `SELECT p.kind, p.user_id, p.inbox, p.email FROM notification_preferences p
           JOIN (SELECT DISTINCT k, u FROM unnest($1::text[], $2::text[]) AS t(k, u)) t ON p.kind = t.k AND p.user_id = t.u`,
        [asked.map((x) => x[0]), asked.map((x) => x[1])],
      );
      for (const r of rows) prefs.set(`${r.kind}\u0000${r.user_id}`, r);
    }
    const pref = (m: NotificationMessage, userId: string) => prefs.get(`${m.kind}\u0000${userId}`);
    const inbox = messages.flatMap((m) => named(m).filter((u) => pref(m, u)?.inbox !== false).map((u) => [m.id, u]));
    const byEmail = (m: NotificationMessage) => m.recipients.filter((r) => !r.userId || pref(m, r.userId)?.email !== false);
    await qr.startTransaction();
    try {
      const inserted: Array<{ id: string }> = await qr.query(
        `INSERT INTO notifications (id, kind, decision_id, subject_vi, subject_en, body_vi, body_en, data, created_at)
         SELECT id, kind, decision_id, subject_vi, subject_en, body_vi, body_en, data::jsonb, created_at
           FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
                AS t(id, kind, decision_id, subject_vi, subject_en, body_vi, body_en, data, created_at)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          messages.map((m) => m.id), messages.map((m) => m.kind), messages.map((m) => m.decisionId),
          messages.map((m) => m.subject.vi), messages.map((m) => m.subject.en), messages.map((m) => m.body.vi), messages.map((m) => m.body.en),
          messages.map((m) => JSON.stringify(m.data ?? {})), messages.map((m) => m.createdAt),
        ],
      );
      for (const r of inserted) created.add(r.id);
      if (inbox.length) {
        const rows: Array<{ notification_id: string }> = await qr.query(
          `INSERT INTO notification_inbox (notification_id, user_id)
           SELECT n, u FROM unnest($1::text[], $2::text[]) AS t(n, u) ON CONFLICT DO NOTHING RETURNING notification_id`,
          [inbox.map((x) => x[0]), inbox.map((x) => x[1])],
        );
        for (const r of rows) inboxAdded.set(r.notification_id, (inboxAdded.get(r.notification_id) ?? 0) + 1);
      }
      await qr.commitTransaction();
    } catch (e) {
      await qr.rollbackTransaction();
      throw e;
    }

    const users = await this.users(qr, messages.flatMap((m) => byEmail(m)));
    const ledger = new Map<string, { status: string; age_ms: number | null }>();
    const rows: Array<{ notification_id: string; channel: string; recipient: string; status: string; age_ms: number | null }> = await qr.query(
      `SELECT notification_id, channel, recipient, status, (extract(epoch FROM clock_timestamp() - attempted_at) * 1000)::float8 AS age_ms
         FROM notification_deliveries WHERE notification_id = ANY($1::text[])`,
      [messages.map((m) => m.id)],
    );
    for (const r of rows) ledger.set(ledgerKey(r.notification_id, r.channel, r.recipient), r);

    const attempts = new GroupCommit<Attempt>((batch) => this.recordAttempts(qr, batch));
    const outcomes = new GroupCommit<Outcome>((batch) => this.recordOutcomes(qr, batch));
    const { email, webhook } = this.channels;
    const settled = await Promise.allSettled(messages.map(async (message): Promise<DispatchReport> => {
      const { targets, withoutEmail } = emailTargets(byEmail(message), users);
      const deliveries: DeliveryOutcome[] = [];
      const once = (channel: 'email' | 'webhook', recipient: string, messageId: string | undefined, send: () => Promise<DeliveryReceipt | void>) =>
        this.deliverOnce({ attempts, outcomes, ledger }, message.id, channel, recipient, messageId, send);
      if (email) {
        for (const [key, recipient] of targets) {
          deliveries.push(await once('email', key, email.messageIdFor(message, key), () => email.send(message, recipient)));
        }
      }
      if (webhook) deliveries.push(await once('webhook', webhook.target, undefined, () => webhook.send(message)));
      const report: DispatchReport = {
        notificationId: message.id, created: created.has(message.id), inboxAdded: inboxAdded.get(message.id) ?? 0, deliveries,
        withoutEmail: email ? withoutEmail : [],
      };
      if (deliveries.some((d) => d.status === 'failed' || d.status === 'in-doubt')) throw new DispatchError(report);
      return report;
    }));
    return settled.map((s) => (s.status === 'fulfilled' ? s.value : s.reason instanceof Error ? s.reason : new Error(String(s.reason))));
  }

  /** The users named by id among the recipients (their address and display name), in one query. */
  private async users(qr: QueryRunner, recipients: Recipient[]) {
    const missing = [...new Set(recipients.filter((r) => !r.email && r.userId).map((r) => r.userId!))];
    const known = new Map<string, { email: string | null; display_name: string }>();
    if (missing.length) {
      const rows: Array<{ id: string; email: string | null; display_name: string }> = await qr.query(
        `SELECT id, email, display_name FROM users WHERE id = ANY($1::text[])`,
        [missing],
      );
      for (const r of rows) known.set(r.id, r);
    }
    return known;
  }

  private async deliverOnce(
    writes: { attempts: GroupCommit<Attempt>; outcomes: GroupCommit<Outcome>; ledger: Map<string, { status: string; age_ms: number | null }> },
    notificationId: string,
    channel: 'email' | 'webhook',
    recipient: string,
    messageId: string | undefined,
    send: () => Promise<DeliveryReceipt | void>,
  ): Promise<DeliveryOutcome> {
    // Read under this notification's lock (taken before the batch read the ledger): nobody else writes its rows.
    const row = writes.ledger.get(ledgerKey(notificationId, channel, recipient));
    if (row?.status === 'sent') return { channel, recipient, status: 'skipped' };
    const reconciling = row?.status === 'sending';
    if (reconciling && (row.age_ms ?? Infinity) < this.inDoubtAfterMs) {
      return {
        channel, recipient, status: 'in-doubt',
        error: `an attempt started ${Math.round((row.age_ms ?? 0) / 1000)} s ago has no recorded outcome; it is re-sent once it is ${Math.round(this.inDoubtAfterMs / 1000)} s old`,
      };
    }
    // The attempt is on record (committed: no transaction is open) before anything goes out. (A new
    // row is never a reconciliation, which needs a row in `sending`: `reconciled` starts at 0 there.)
    await writes.attempts.push({ notificationId, channel, recipient, messageId: messageId ?? null, reconciled: reconciling ? 1 : 0 });
    let receipt: DeliveryReceipt;
    try {
      receipt = (await send()) ?? {};
    } catch (e) {
      const error = describe(e);
      await writes.outcomes.push({ notificationId, channel, recipient, sent: false, error, response: null, messageId: null });
      return { channel, recipient, status: 'failed', error };
    }
    // Accepted by the far side: record it at once (the window that remains is between these two steps).
    await writes.outcomes.push({ notificationId, channel, recipient, sent: true, error: null, response: receipt.response ?? null, messageId: receipt.messageId ?? null });
    return { channel, recipient, status: 'sent', ...(reconciling ? { reconciled: true } : {}), ...(receipt.response ? { response: receipt.response } : {}) };
  }

  private async recordAttempts(qr: QueryRunner, batch: Attempt[]): Promise<void> {
    await qr.query(
      `INSERT INTO notification_deliveries (notification_id, channel, recipient, status, attempts, attempted_at, message_id, reconciled)
       SELECT n, c, r, 'sending', 1, clock_timestamp(), m, x FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS t(n, c, r, m, x)
       ON CONFLICT (notification_id, channel, recipient)
       DO UPDATE SET status = 'sending', attempts = notification_deliveries.attempts + 1, attempted_at = EXCLUDED.attempted_at,
                     message_id = COALESCE(EXCLUDED.message_id, notification_deliveries.message_id),
                     reconciled = notification_deliveries.reconciled + EXCLUDED.reconciled`,
      [batch.map((a) => a.notificationId), batch.map((a) => a.channel), batch.map((a) => a.recipient), batch.map((a) => a.messageId), batch.map((a) => a.reconciled)],
    );
  }

  private async recordOutcomes(qr: QueryRunner, batch: Outcome[]): Promise<void> {
    await qr.query(
      `UPDATE notification_deliveries d
          SET status = CASE WHEN t.sent THEN 'sent' ELSE 'failed' END,
              sent_at = CASE WHEN t.sent THEN clock_timestamp() ELSE d.sent_at END,
              response = CASE WHEN t.sent THEN t.response ELSE d.response END,
              message_id = CASE WHEN t.sent THEN COALESCE(t.message_id, d.message_id) ELSE d.message_id END,
              last_error = CASE WHEN t.sent THEN NULL ELSE t.error END
         FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::text[]) AS t(n, c, r, sent, response, message_id, error)
        WHERE d.notification_id = t.n AND d.channel = t.c AND d.recipient = t.r`,
      [batch.map((o) => o.notificationId), batch.map((o) => o.channel), batch.map((o) => o.recipient), batch.map((o) => o.sent),
        batch.map((o) => o.response), batch.map((o) => o.messageId), batch.map((o) => o.error)],
    );
  }
}

/** A notification whose lock another worker holds (it is being sent right now): its job fails and is retried. */
export class NotificationBusyError extends Error {
  constructor(readonly notificationId: string) {
    super(`notification ${notificationId} is being dispatched by another worker; retried later`);
    this.name = 'NotificationBusyError';
  }
}

interface Attempt { notificationId: string; channel: string; recipient: string; messageId: string | null; reconciled: number }
interface Outcome { notificationId: string; channel: string; recipient: string; sent: boolean; response: string | null; messageId: string | null; error: string | null }

const ledgerKey = (n: string, c: string, r: string) => `${n}\u0000${c}\u0000${r}`;

/** E-mail addresses, one per address (lower case): given ones first, then users' own from the users table. */
function emailTargets(recipients: Recipient[], known: Map<string, { email: string | null; display_name: string }>) {
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

/**
 * Group commit: what is pushed while a write runs goes into the next one, so each write is one
 * statement for everything that arrived meanwhile. A push resolves once its write is done, and
 * rejects with the write's error.
 */
class GroupCommit<T> {
  private pending: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  private draining = false;

  constructor(private readonly write: (batch: T[]) => Promise<void>) {}

  push(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    // What the other messages push in the same turn joins the first write.
    await new Promise<void>((r) => setImmediate(r));
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0);
        try {
          await this.write(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
