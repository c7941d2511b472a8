import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CalendarService } from '@app/calendar';
import { Clock, problems } from '@app/kernel';
import { addDays, explainDeadline, SHOWN_AHEAD_DAYS, type DeadlineExplanation, type DeadlineRow } from '../deadlines/schedule.js';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';

export type DeadlineView = Omit<DeadlineRow, 'workingDays' | 'notes'> & {
  explanation: DeadlineExplanation;
  /** Open deadlines only: working days from today to the due date (negative once overdue). */
  workingDaysLeft?: number;
  /** Open and past its due day, today in Vietnam. */
  overdue: boolean;
};

/**
 * A decision's deadlines as a reader sees them today: what depends on today (overdue, working days
 * left, the obligations shown ahead) and how each date was computed are worked out now, from the
 * schedule the table keeps (a function of the stream).
 */
export class ListDeadlinesQuery extends Query<{ items: DeadlineView[] }> {
  constructor(readonly decisionId: string) {
    super();
  }
}

@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  async execute({ decisionId }: ListDeadlinesQuery): Promise<{ items: DeadlineView[] }> {
    const today = vietnamDate(this.clock.now().toISOString());
    const rows: Array<DeadlineRow> = await this.db.query(
      `SELECT id, decision_id AS "decisionId", kind, subject, json_build_object('vi', title_vi, 'en', title_en) AS title,
              to_char(starts_on,'YYYY-MM-DD') AS "startsOn", to_char(due_on,'YYYY-MM-DD') AS "dueOn",
              to_char(remind_on,'YYYY-MM-DD') AS "remindOn", to_char(escalate_on,'YYYY-MM-DD') AS "escalateOn",
              responsible_role AS "responsibleRole", responsible_body_id AS "responsibleBodyId",
              responsible_user_id AS "responsibleUserId", status, to_char(closed_on,'YYYY-MM-DD') AS "closedOn",
              working_days AS "workingDays", notes
         FROM deadlines
        WHERE decision_id = $1 AND (kind NOT IN ('report', 'evaluation') OR due_on <= $2::date)
        ORDER BY due_on, id`,
      [decisionId, addDays(today, SHOWN_AHEAD_DAYS)],
    );
    if (!rows.length && !(await this.db.query(`SELECT 1 FROM decision_list WHERE id = $1`, [decisionId])).length) {
      throw problems.notFound({ vi: `Không có hồ sơ quyết định ${decisionId}.`, en: `No decision ${decisionId}.` });
    }
    const calendar = await this.calendars.calendar();
    return {
      items: rows.map(({ workingDays, notes, ...d }) => ({
        ...d,
        explanation: explainDeadline({ kind: d.kind, startsOn: d.startsOn, dueOn: d.dueOn, workingDays, notes }, calendar),
        overdue: d.status === 'open' && today > d.dueOn,
        ...(d.status === 'open' ? { workingDaysLeft: calendar.workingDaysBetween(today, d.dueOn) } : {}),
      })),
    };
  }
}
