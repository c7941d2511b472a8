import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/kernel';
import type { NotificationKind, Text } from '../message.js';

export interface InboxItem {
  id: string;
  kind: NotificationKind;
  decisionId: string;
  subject: Text;
  body: Text;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
  /**
   * A deadline notice whose deadline is no longer open (its stage moved on, the report was filed):
   * nothing is asked of the reader any more. Always false for other notices.
   */
  closed: boolean;
  /** The day the deadline closed. */
  closedOn: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unreadCount: number;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  kind: NotificationKind;
  decision_id: string;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
  deadline_status: string | null;
  deadline_closed_on: string | null;
}

const toItem = (r: Row): InboxItem => ({
  id: r.id,
  kind: r.kind,
  decisionId: r.decision_id,
  subject: { vi: r.subject_vi, en: r.subject_en },
  body: { vi: r.body_vi, en: r.body_en },
  data: r.data,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  closed: r.deadline_status !== null && r.deadline_status !== 'open',
  closedOn: r.deadline_status !== null && r.deadline_status !== 'open' ? r.deadline_closed_on : null,
});

/** One user's in-app inbox (notification_inbox rows written by the NotificationDispatcher): read it, mark it read. */
@Injectable()
export class Inbox {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Newest first; `unread`: unread only; `decisionId`: only those about one decision. `total` counts what
   * the filters keep; `unreadCount` every unread notification of the user.
   */
  async list(userId: string, q: { limit: number; offset: number; unread?: boolean; decisionId?: string }): Promise<InboxPage> {
    const params: unknown[] = [userId];
    const where = [`i.user_id = $1`];
    if (q.unread === true) where.push('i.read_at IS NULL');
    if (q.decisionId !== undefined) {
      params.push(q.decisionId);
      where.push(`n.decision_id = $${params.length}`);
    }
    const from = `notification_inbox i JOIN notifications n ON n.id = i.notification_id WHERE ${where.join(' AND ')}`;
    const rows: Row[] = await this.db.query(
      `SELECT n.id, n.kind, n.decision_id, n.subject_vi, n.subject_en, n.body_vi, n.body_en, n.data, n.created_at, i.read_at,
              dl.status AS deadline_status, to_char(dl.closed_on, 'YYYY-MM-DD') AS deadline_closed_on
         FROM notification_inbox i JOIN notifications n ON n.id = i.notification_id
         LEFT JOIN deadlines dl ON dl.id = n.data->>'deadlineId'
        WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    const [[counts], [all]] = await Promise.all([
      this.db.query(`SELECT count(*)::int AS total FROM ${from}`, params),
      this.db.query(`SELECT count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notification_inbox WHERE user_id = $1`, [userId]),
    ]);
    return {
      items: rows.map(toItem),
      total: counts.total,
      unreadCount: all.unread,
      limit: q.limit,
      offset: q.offset,
    };
  }

  /** Marks every unread notification read now; answers how many were unread. */
  async markAllRead(userId: string): Promise<number> {
    const [{ marked }] = await this.db.query(
      `WITH u AS (UPDATE notification_inbox SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS marked FROM u`,
      [userId, this.clock.now()],
    );
    return marked;
  }

  /**
   * Marks one notification read (a repeat keeps the first readAt); answers when it was read and how many
   * remain unread, or `undefined` when it is not in this user's inbox.
   */
  async markRead(userId: string, notificationId: string): Promise<{ readAt: string; unreadCount: number } | undefined> {
    const [row] = await this.db.query(
      `WITH u AS (UPDATE notification_inbox SET read_at = COALESCE(read_at, $3)
                   WHERE notification_id = $1 AND user_id = $2 RETURNING read_at)
       SELECT read_at FROM u`,
      [notificationId, userId, this.clock.now()],
    );
    if (!row) return undefined;
    const [{ unread }] = await this.db.query(
      `SELECT count(*)::int AS unread FROM notification_inbox WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { readAt: new Date(row.read_at).toISOString(), unreadCount: unread };
  }
}
