import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { renderEscalation, renderEvaluationDue, renderPeriodEnding, renderReminder, renderReportDue } from '../templates.js';
import { type NotificationMessage, type Recipient } from '../message.js';
import { vietnamDate } from '@app/delegation';
import { CalendarService } from '@app/calendar';
import { Clock } from '@app/kernel';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { jobIds } from '@app/jobs';

interface DeadlineRecord {
  id: string; decision_id: string; kind: string; subject: string; title_vi: string; title_en: string; due_on: string;
  remind_on: string; escalate_on: string; responsible_role: string; responsible_body_id: string | null;
  responsible_user_id: string | null; status: string; decision_title: string; document_number: string | null;
  head_name: string | null; head_email: string | null; body_vi: string | null; body_en: string | null;
}

export interface ReminderOutcome {
  sent: boolean;
  reason?: 'closed' | 'not-yet' | 'unknown';
  notificationId?: string;
}

/**
 * Sends one reminder (before a deadline, to the people responsible) or one escalation (after it, to
 * the head of the body). The notification id is the job id, so the dispatcher sends it once however
 * often the job runs; a deadline met in the meantime sends nothing.
 */
@Injectable()
export class ReminderProcessor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dispatcher: NotificationDispatcher,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  async run(job: ReminderJob): Promise<ReminderOutcome> {
    const [result] = await this.runMany([job], { wait: true });
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * Many reminder jobs at once (the worker's batches): one query for their deadlines, one for the
   * people responsible, and one `dispatchMany` (multi-row writes, the pooled SMTP transport). Returns
   * each job's outcome, or the error its job fails with, in the order given.
   */
  async runMany(jobs: ReminderJob[], options: { wait?: boolean } = {}): Promise<Array<ReminderOutcome | Error>> {
    if (!jobs.length) return [];
    const rows: DeadlineRecord[] = await this.db.query(
      `SELECT dl.*, to_char(dl.due_on,'YYYY-MM-DD') AS due_on, to_char(dl.remind_on,'YYYY-MM-DD') AS remind_on,
              to_char(dl.escalate_on,'YYYY-MM-DD') AS escalate_on, d.title AS decision_title,
              b.head_name, b.head_email, b.name_vi AS body_vi, b.name_en AS body_en,
              (SELECT e.data->>'documentNumber' FROM events e WHERE e.stream_id = dl.decision_id::text AND e.event_type = 'DecisionIssued' LIMIT 1) AS document_number
         FROM deadlines dl JOIN decision_list d ON d.id = dl.decision_id LEFT JOIN bodies b ON b.id = dl.responsible_body_id
        WHERE dl.id = ANY($1::text[])`,
      [[...new Set(jobs.map((j) => j.deadlineId))]],
    );
    const deadlines = new Map(rows.map((d) => [d.id, d]));
    const now = this.clock.now();
    const today = vietnamDate(now.toISOString());
    const outcomes: Array<ReminderOutcome | Error | NotificationMessage> = jobs.map(({ deadlineId, type }) => {
      const d = deadlines.get(deadlineId);
      if (!d) return { sent: false, reason: 'unknown' };
      if (d.status !== 'open') return { sent: false, reason: 'closed' };
      if (today < (type === 'remind' ? d.remind_on : d.escalate_on)) return { sent: false, reason: 'not-yet' };
      return { sent: false };
    });
    const due = jobs.map((j, i) => ({ job: j, i, d: deadlines.get(j.deadlineId)! })).filter(({ i }) => !(outcomes[i] as ReminderOutcome).reason);
    if (due.length) {
      const calendar = await this.calendars.calendar();
      const staff = await this.responsible(due.map(({ d }) => d));
      for (const { job: { type }, i, d } of due) {
        const people = staff(d);
        const base = { decisionId: d.decision_id, title: d.decision_title, now, id: jobIds.reminder(d.id, type), data: { deadlineId: d.id, dueOn: d.due_on } };
        const task = { vi: d.title_vi, en: d.title_en };
        if (type === 'escalate') {
          const head: Recipient[] = d.head_email || d.head_name ? [{ email: d.head_email ?? undefined, name: d.head_name ?? undefined }] : [];
          outcomes[i] = renderEscalation({
            ...base, recipients: [...head, ...people], deadlineId: d.id, dueOn: d.due_on, task,
            workingDaysOverdue: calendar.workingDaysBetween(d.due_on, today),
            bodyName: { vi: d.body_vi ?? '', en: d.body_en ?? '' }, responsible: people.map((s) => s.name ?? '').filter(Boolean),
          });
        } else {
          const workingDaysLeft = calendar.workingDaysBetween(today, d.due_on);
          outcomes[i] =
            d.kind === 'report' ? renderReportDue({ ...base, recipients: people, reportId: d.id, dueOn: d.due_on, workingDaysLeft, period: task })
            : d.kind === 'evaluation' ? renderEvaluationDue({ ...base, recipients: people, evaluationId: d.id, dueOn: d.due_on, workingDaysLeft })
            : d.kind === 'period-end' ? renderPeriodEnding({ ...base, recipients: people, endsOn: d.due_on, daysLeft: daysBetween(today, d.due_on), documentNumber: d.document_number ?? undefined })
            : renderReminder({ ...base, recipients: people, deadlineId: d.id, dueOn: d.due_on, workingDaysLeft, task });
        }
      }
      const messages = due.map(({ i }) => outcomes[i] as NotificationMessage);
      const sent = await this.dispatcher.dispatchMany(messages, options);
      due.forEach(({ i }, k) => {
        const r = sent[k];
        outcomes[i] = r instanceof Error ? r : { sent: true, notificationId: r.notificationId };
      });
    }
    return outcomes as Array<ReminderOutcome | Error>;
  }

  /**
   * The people responsible for each deadline, in one query: the named user when the deadline has one
   * (the assigned reviewer), else everyone with the role in the body.
   */
  private async responsible(deadlines: DeadlineRecord[]): Promise<(d: DeadlineRecord) => Recipient[]> {
    const userIds = [...new Set(deadlines.filter((d) => d.responsible_user_id).map((d) => d.responsible_user_id!))];
    const groups = [...new Map(deadlines.filter((d) => !d.responsible_user_id)
      .map((d) => [`${d.responsible_role}\u001f${d.responsible_body_id ?? ''}`, { role: d.responsible_role, body: d.responsible_body_id }])).values()];
    const rows: Array<{ key: string | null; id: string; display_name: string; email: string | null }> = await this.db.query(
      `SELECT NULL AS key, id, display_name, email FROM users WHERE id = ANY($1::text[]) AND active
       UNION ALL
       SELECT g.role || chr(31) || coalesce(g.body, ''), u.id, u.display_name, u.email
         FROM unnest($2::text[], $3::text[]) AS g(role, body)
         JOIN users u ON u.active AND u.role = g.role AND (g.body IS NULL OR u.body_id = g.body)
       ORDER BY 2`,
      [userIds, groups.map((g) => g.role), groups.map((g) => g.body)],
    );
    const recipient = (u: { id: string; display_name: string; email: string | null }): Recipient =>
      ({ userId: u.id, name: u.display_name, ...(u.email ? { email: u.email } : {}) });
    const byUser = new Map(rows.filter((r) => r.key === null).map((r) => [r.id, recipient(r)]));
    const byGroup = new Map<string, Recipient[]>();
    for (const r of rows) if (r.key !== null) byGroup.set(r.key, [...(byGroup.get(r.key) ?? []), recipient(r)]);
    return (d) => d.responsible_user_id
      ? (byUser.has(d.responsible_user_id) ? [byUser.get(d.responsible_user_id)!] : [])
      : byGroup.get(`${d.responsible_role}\u001f${d.responsible_body_id ?? ''}`) ?? [];
  }
}

export interface ReminderJob { deadlineId: string; type: 'remind' | 'escalate' }

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
