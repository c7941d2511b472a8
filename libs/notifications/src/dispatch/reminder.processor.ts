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

  async run({ deadlineId, type }: { deadlineId: string; type: 'remind' | 'escalate' }): Promise<ReminderOutcome> {
    const [d]: DeadlineRecord[] = await this.db.query(
      `SELECT dl.*, to_char(dl.due_on,'YYYY-MM-DD') AS due_on, to_char(dl.remind_on,'YYYY-MM-DD') AS remind_on,
              to_char(dl.escalate_on,'YYYY-MM-DD') AS escalate_on, d.title AS decision_title,
              b.head_name, b.head_email, b.name_vi AS body_vi, b.name_en AS body_en,
              (SELECT e.data->>'documentNumber' FROM events e WHERE e.stream_id = dl.decision_id::text AND e.event_type = 'DecisionIssued' LIMIT 1) AS document_number
         FROM deadlines dl JOIN decision_list d ON d.id = dl.decision_id LEFT JOIN bodies b ON b.id = dl.responsible_body_id
        WHERE dl.id = $1`,
      [deadlineId],
    );
    if (!d) return { sent: false, reason: 'unknown' };
    if (d.status !== 'open') return { sent: false, reason: 'closed' };
    const now = this.clock.now();
    const today = vietnamDate(now.toISOString());
    if (today < (type === 'remind' ? d.remind_on : d.escalate_on)) return { sent: false, reason: 'not-yet' };

    const calendar = await this.calendars.calendar();
    const staff = await this.responsible(d);
    const base = { decisionId: d.decision_id, title: d.decision_title, now, id: jobIds.reminder(d.id, type), data: { deadlineId: d.id, dueOn: d.due_on } };
    const task = { vi: d.title_vi, en: d.title_en };
    let message: NotificationMessage;
    if (type === 'escalate') {
      const head: Recipient[] = d.head_email || d.head_name ? [{ email: d.head_email ?? undefined, name: d.head_name ?? undefined }] : [];
      message = renderEscalation({
        ...base, recipients: [...head, ...staff], deadlineId: d.id, dueOn: d.due_on, task,
        workingDaysOverdue: calendar.workingDaysBetween(d.due_on, today),
        bodyName: { vi: d.body_vi ?? '', en: d.body_en ?? '' }, responsible: staff.map((s) => s.name ?? '').filter(Boolean),
      });
    } else {
      const workingDaysLeft = calendar.workingDaysBetween(today, d.due_on);
      message =
        d.kind === 'report' ? renderReportDue({ ...base, recipients: staff, reportId: d.id, dueOn: d.due_on, workingDaysLeft, period: task })
        : d.kind === 'evaluation' ? renderEvaluationDue({ ...base, recipients: staff, evaluationId: d.id, dueOn: d.due_on, workingDaysLeft })
        : d.kind === 'period-end' ? renderPeriodEnding({ ...base, recipients: staff, endsOn: d.due_on, daysLeft: daysBetween(today, d.due_on), documentNumber: d.document_number ?? undefined })
        : renderReminder({ ...base, recipients: staff, deadlineId: d.id, dueOn: d.due_on, workingDaysLeft, task });
    }
    await this.dispatcher.dispatch(message);
    return { sent: true, notificationId: message.id };
  }

  /** The named user when the deadline has one (the assigned reviewer), else everyone with the role in the body. */
  private async responsible(d: DeadlineRecord): Promise<Recipient[]> {
    const rows: Array<{ id: string; display_name: string; email: string | null }> = d.responsible_user_id
      ? await this.db.query(`SELECT id, display_name, email FROM users WHERE id = $1 AND active`, [d.responsible_user_id])
      : await this.db.query(
          `SELECT id, display_name, email FROM users WHERE active AND role = $1 AND ($2::text IS NULL OR body_id = $2) ORDER BY id`,
          [d.responsible_role, d.responsible_body_id],
        );
    return rows.map((u) => ({ userId: u.id, name: u.display_name, ...(u.email ? { email: u.email } : {}) }));
  }
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
