import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JobPayloads } from '@app/jobs';
import { jobIds } from '@app/jobs';
import type { Text } from '@app/kernel';
import { renderHandoff } from '../handoff-templates.js';
import type { Recipient } from '../message.js';
import { NotificationDispatcher } from './notification-dispatcher.js';

export interface HandoffOutcome {
  sent: boolean;
  reason?: 'unknown' | 'nobody';
  notificationId: string;
  recipients: number;
}

interface EventRow {
  event_type: string;
  data: Record<string, unknown>;
  actor_id: string | null;
  correlation_id: string | null;
  occurred_at: Date;
}

/**
 * Tells the next actor that a decision was passed on to them (job `notify-handoff`, asked for by the
 * event's intent): the users named, or with the role in the body, who are active, less the one who
 * acted. The notification id is `notify:<decision>:<version>`, so the dispatcher delivers it once
 * however often the job runs; each user's preferences choose inbox and e-mail (the dispatcher).
 */
@Injectable()
export class HandoffNotifier {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async run(p: JobPayloads['notify-handoff']): Promise<HandoffOutcome> {
    const id = jobIds.handoff(p.decisionId, p.version);
    const [event]: EventRow[] = await this.db.query(
      `SELECT event_type, data, metadata->>'actorId' AS actor_id, metadata->>'correlationId' AS correlation_id, occurred_at
         FROM events WHERE stream_id = $1 AND stream_version = $2`,
      [p.decisionId, p.version],
    );
    const [decision]: Array<{ title: string; case_number: string | null }> = await this.db.query(
      `SELECT title, case_number FROM decision_list WHERE id = $1`,
      [p.decisionId],
    );
    if (!event || !decision || event.event_type !== p.eventType) return { sent: false, reason: 'unknown', notificationId: id, recipients: 0 };

    const recipients = (await this.addressees(p.to)).filter((r) => r.userId !== event.actor_id);
    if (!recipients.length) return { sent: false, reason: 'nobody', notificationId: id, recipients: 0 };
    const [actor]: Array<{ display_name: string }> = event.actor_id
      ? await this.db.query(`SELECT display_name FROM users WHERE id = $1`, [event.actor_id])
      : [];
    // The findings one check run raised share its correlation id: one notice lists them all.
    const findings = p.eventType === 'FindingRaised'
      ? (await this.db.query(
          `SELECT data FROM events WHERE stream_id = $1 AND stream_version >= $2 AND event_type = 'FindingRaised'
              AND metadata->>'correlationId' IS NOT DISTINCT FROM $3 ORDER BY stream_version`,
          [p.decisionId, p.version, event.correlation_id],
        ) as Array<{ data: { ruleId: string; severity: string; message: Text } }>)
          .map((r) => r.data).filter((f) => f.severity !== 'info')
      : undefined;
    const message = renderHandoff({
      id, decisionId: p.decisionId, title: decision.title, caseNumber: decision.case_number, recipients,
      now: new Date(event.occurred_at), eventType: event.event_type, version: p.version, data: event.data,
      actorName: actor?.display_name, findings,
    });
    await this.dispatcher.dispatch(message);
    return { sent: true, notificationId: id, recipients: recipients.length };
  }

  /** The active users named, or holding the role in the body (any body when none is given), one each. */
  private async addressees(to: JobPayloads['notify-handoff']['to']): Promise<Recipient[]> {
    const found = new Map<string, Recipient>();
    for (const a of to) {
      const rows: Array<{ id: string; display_name: string; email: string | null }> = a.userId
        ? await this.db.query(`SELECT id, display_name, email FROM users WHERE id = $1 AND active`, [a.userId])
        : a.role
          ? await this.db.query(
              `SELECT id, display_name, email FROM users WHERE active AND role = $1 AND ($2::text IS NULL OR body_id = $2) ORDER BY id`,
              [a.role, a.bodyId ?? null],
            )
          : [];
      for (const u of rows) if (!found.has(u.id)) found.set(u.id, { userId: u.id, name: u.display_name, ...(u.email ? { email: u.email } : {}) });
    }
    return [...found.values()];
  }
}
