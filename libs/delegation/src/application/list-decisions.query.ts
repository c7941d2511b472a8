import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CalendarService, type WorkingCalendar } from '@app/calendar';
import { Clock, type Text } from '@app/kernel';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';
import type { AccessScope } from './decision-scope.js';
import { provisionalOf, type Provisional } from '../deadlines/provisional.js';
import {
  decodeCursor, encodeCursor, LIST_FROM, listOrder, listWhere, Params, type DecisionFilter, type DecisionSort,
} from './decision-list.sql.js';

export type { DecisionFilter, DecisionSort, WaitsOn } from './decision-list.sql.js';
export { SORTS as DECISION_SORTS } from './decision-list.sql.js';

export interface Page<T> {
  items: T[];
  /** Every row the filters match, not only this page's. */
  total: number;
  limit: number;
  offset: number;
}

/** A decision's current deadline as a list shows it (today's view: days left, overdue). */
export interface ListDeadline {
  id: string;
  kind: string;
  subject: string;
  title: Text;
  dueOn: string;
  remindOn: string;
  escalateOn: string;
  status: string;
  responsibleRole: string;
  responsibleBodyId: string | null;
  responsibleUserId: string | null;
  /** Working days from today to the due day (negative once overdue). */
  workingDaysLeft: number;
  overdue: boolean;
  /** From the reminder day on, not yet overdue. */
  dueSoon: boolean;
  /** Counted through a year with no official schedule of days off yet. */
  provisional?: Provisional;
}

/** One row of a decision list: what a card or a table row shows, with no further request. */
export interface DecisionListItem {
  id: string;
  version: number;
  kind: string;
  stage: string;
  title: string;
  caseNumber: string | null;
  /** The issued document's number, once issued. */
  documentNumber: string | null;
  delegatorBodyId: string;
  delegateBodyId: string;
  proposerBodyId: string;
  /** The province of the delegator body. */
  provinceId: string | null;
  sector: string;
  powerIds: string[];
  workflowVersion: number;
  periodFrom: string | null;
  periodTo: string | null;
  reviewerId: string | null;
  assignee: { id: string; displayName: string } | null;
  deadline: ListDeadline | null;
  /** Whom the decision waits on: the assigned user, or a role (in a body). */
  waitingOn: { role: string; bodyId: string | null; userId: string | null } | null;
  stageEnteredAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface DecisionPage extends Page<DecisionListItem> {
  sort: DecisionSort;
  /** Pass as `cursor` for the next page (same filters and sort); null on the last page. */
  nextCursor: string | null;
}

export interface ListRequest {
  filter: DecisionFilter;
  sort: DecisionSort;
  limit: number;
  offset: number;
  cursor?: string;
}

const ISO = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const DAY = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;

const COLUMNS = `d.id, d.version, d.kind, d.stage, d.title, d.case_number, d.document_number, d.delegator_body_id, d.delegate_body_id,
  d.proposer_body_id, d.province_id, d.sector, d.power_ids, d.workflow_version, ${DAY('d.period_from')} AS period_from, ${DAY('d.period_to')} AS period_to,
  d.reviewer_id, u.display_name AS reviewer_name, ${ISO('d.stage_entered_at')} AS stage_entered_at, ${ISO('d.created_at')} AS created_at,
  ${ISO('d.updated_at')} AS updated_at, d.waiting_role, d.waiting_body_id, d.waiting_user_id,
  dl.id AS dl_id, dl.kind AS dl_kind, dl.subject AS dl_subject, dl.title_vi AS dl_title_vi, dl.title_en AS dl_title_en,
  ${DAY('dl.starts_on')} AS dl_starts_on, ${DAY('dl.due_on')} AS dl_due_on, ${DAY('dl.remind_on')} AS dl_remind_on, ${DAY('dl.escalate_on')} AS dl_escalate_on, dl.status AS dl_status,
  dl.responsible_role AS dl_role, dl.responsible_body_id AS dl_body_id, dl.responsible_user_id AS dl_user_id`;

type ListRow = Record<string, string | number | string[] | null>;

/**
 * A list of decisions within the caller's scope: filtered, searched and sorted in SQL, paged by
 * keyset (`cursor`) or by `offset`, with the true total. Each item carries its current deadline, its
 * assigned reviewer's name and its case number, so a board needs no request per card.
 */
export class ListDecisionsQuery extends Query<DecisionPage> {
  constructor(
    readonly request: ListRequest,
    readonly scope: AccessScope,
  ) {
    super();
  }
}

@QueryHandler(ListDecisionsQuery)
export class ListDecisionsHandler implements IQueryHandler<ListDecisionsQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  async execute({ request: r, scope }: ListDecisionsQuery): Promise<DecisionPage> {
    const today = vietnamDate(this.clock.now().toISOString());
    const cursor = r.cursor ? decodeCursor(r.cursor, r.sort) : undefined;
    const counted = new Params();
    const countWhere = listWhere(r.filter, scope, today, counted);
    const ps = new Params();
    const where = listWhere(r.filter, scope, today, ps);
    const { order, after, key } = listOrder(r.sort, cursor, ps);
    const offset = cursor ? 0 : r.offset;
    const [rows, [{ total }], calendar] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS}, ${key} AS sort_key FROM ${LIST_FROM} WHERE ${where}${after ? ` AND ${after}` : ''}
          ORDER BY ${order} LIMIT ${ps.p(r.limit + 1)} OFFSET ${ps.p(offset)}`,
        ps.values,
      ) as Promise<ListRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM ${LIST_FROM} WHERE ${countWhere}`, counted.values) as Promise<Array<{ total: number }>>,
      this.calendars.calendar(),
    ]);
    const more = rows.length > r.limit;
    const page = more ? rows.slice(0, r.limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toItem(row, today, calendar)),
      total,
      limit: r.limit,
      offset,
      sort: r.sort,
      nextCursor: more && last ? encodeCursor({ sort: r.sort, value: String(last.sort_key), id: String(last.id) }) : null,
    };
  }
}

function toItem(r: ListRow, today: string, calendar: WorkingCalendar): DecisionListItem {
  const s = (k: string) => r[k] as string;
  const n = (k: string) => (r[k] as string | null) ?? null;
  const dueOn = n('dl_due_on');
  const deadline: ListDeadline | null = r.dl_id && dueOn ? {
    id: s('dl_id'), kind: s('dl_kind'), subject: s('dl_subject'), title: { vi: s('dl_title_vi'), en: s('dl_title_en') },
    dueOn, remindOn: s('dl_remind_on'), escalateOn: s('dl_escalate_on'), status: s('dl_status'),
    responsibleRole: s('dl_role'), responsibleBodyId: n('dl_body_id'), responsibleUserId: n('dl_user_id'),
    workingDaysLeft: calendar.workingDaysBetween(today, dueOn), overdue: today > dueOn, dueSoon: today <= dueOn && today >= s('dl_remind_on'),
  } : null;
  const provisional = deadline && provisionalOf(calendar, { ...deadline, startsOn: s('dl_starts_on') });
  if (deadline && provisional) deadline.provisional = provisional;
  return {
    id: s('id'), version: Number(r.version), kind: s('kind'), stage: s('stage'), title: s('title'), caseNumber: n('case_number'),
    documentNumber: n('document_number'), delegatorBodyId: s('delegator_body_id'), delegateBodyId: s('delegate_body_id'),
    proposerBodyId: s('proposer_body_id'), provinceId: n('province_id'), sector: s('sector'), powerIds: r.power_ids as string[], workflowVersion: Number(r.workflow_version),
    periodFrom: n('period_from'), periodTo: n('period_to'), reviewerId: n('reviewer_id'),
    assignee: r.reviewer_id ? { id: s('reviewer_id'), displayName: n('reviewer_name') ?? s('reviewer_id') } : null,
    deadline,
    waitingOn: r.waiting_role ? { role: s('waiting_role'), bodyId: n('waiting_body_id'), userId: n('waiting_user_id') } : null,
    stageEnteredAt: s('stage_entered_at'), createdAt: s('created_at'), updatedAt: s('updated_at'),
  };
}
