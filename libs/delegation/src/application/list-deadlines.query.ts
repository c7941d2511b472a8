import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CalendarService } from '@app/calendar';
import { Clock, problems } from '@app/kernel';
import { addDays, explainDeadline, SHOWN_AHEAD_DAYS, type DeadlineExplanation, type DeadlineRow } from '../deadlines/schedule.js';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';
import { provisionalOf, type Provisional } from '../deadlines/provisional.js';

export type DeadlineView = Omit<DeadlineRow, 'workingDays' | 'notes'> & {
  explanation: DeadlineExplanation;
  /** Open deadlines only: working days from today to the due date (negative once overdue). */
  workingDaysLeft?: number;
  /** Open and past its due day, today in Vietnam. */
  overdue: boolean;
  /** Counted through a year with no official schedule of days off yet: it may move when one is loaded. */
  provisional?: Provisional;
  /** Earlier due days of this deadline, moved when a year's official schedule was loaded. */
  changes: DeadlineChange[];
};

export interface DeadlineChange {
  /** The year whose schedule was loaded. */
  year: number;
  dueBefore: string;
  dueAfter: string;
  remindBefore: string;
  remindAfter: string;
  changedAt: string;
  changedBy: string;
}

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
    const [calendar, changed] = await Promise.all([
      this.calendars.calendar(),
      this.db.query(
        `SELECT deadline_id AS "deadlineId", year, to_char(due_before,'YYYY-MM-DD') AS "dueBefore", to_char(due_after,'YYYY-MM-DD') AS "dueAfter",
                to_char(remind_before,'YYYY-MM-DD') AS "remindBefore", to_char(remind_after,'YYYY-MM-DD') AS "remindAfter",
                to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "changedAt", changed_by AS "changedBy"
           FROM deadline_changes WHERE decision_id = $1 ORDER BY changed_at, id`,
        [decisionId],
      ) as Promise<Array<DeadlineChange & { deadlineId: string }>>,
    ]);
    const changesOf = new Map<string, DeadlineChange[]>();
    for (const { deadlineId, ...c } of changed) changesOf.set(deadlineId, [...(changesOf.get(deadlineId) ?? []), c]);
    return {
      items: rows.map(({ workingDays, notes, ...d }) => {
        const provisional = provisionalOf(calendar, d);
        return {
          ...d,
          explanation: explainDeadline({ kind: d.kind, startsOn: d.startsOn, dueOn: d.dueOn, workingDays, notes }, calendar),
          overdue: d.status === 'open' && today > d.dueOn,
          ...(d.status === 'open' ? { workingDaysLeft: calendar.workingDaysBetween(today, d.dueOn) } : {}),
          ...(provisional ? { provisional } : {}),
          changes: changesOf.get(d.id) ?? [],
        };
      }),
    };
  }
}
