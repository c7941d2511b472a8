import type { WorkingCalendar } from '@app/calendar';
import { evolve } from '../domain/evolve.js';
import { initialDecisionState } from '../domain/initial-state.js';
import { nextDay } from '../registry/holdings.js';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';
import { type DecisionEvent } from '../domain/events.js';
import { type DecisionState } from '../domain/state.js';
import { type IsoDate, type Role, type Stage, type Text } from '../domain/types.js';
import { type WorkflowDefinition } from '../workflows/definition.js';

export type DeadlineKind = 'stage' | 'report' | 'evaluation' | 'period-end';
export type DeadlineStatus = 'open' | 'met' | 'late' | 'paused' | 'cancelled';

/** One thing due, for whom, and how its date was computed. A row of the `deadlines` read model. */
export interface DeadlineRow {
  id: string;
  decisionId: string;
  kind: DeadlineKind;
  subject: string;
  title: Text;
  startsOn: IsoDate;
  dueOn: IsoDate;
  remindOn: IsoDate;
  escalateOn: IsoDate;
  responsibleRole: Role;
  responsibleBodyId: string | null;
  responsibleUserId: string | null;
  status: DeadlineStatus;
  closedOn: IsoDate | null;
  /** The working days counted from `startsOn` to `dueOn` (a stage's limit, or what it had left); null when not counted so. */
  workingDays: number | null;
  /** What the dates alone do not say (e.g. the appraisal clock stopped while the proposer revised). */
  notes: Text[];
}

/** How a deadline's date was computed, as a reader is shown it (explainDeadline). */
export interface DeadlineExplanation {
  summary: Text;
  steps: Array<{ date: IsoDate; counted: boolean; reason: Text }>;
  notes: Text[];
}

export interface DeadlineInputs {
  /** The stream's events; with the state each left the decision in, when the caller folded them already. */
  events: Array<{ event: DecisionEvent; occurredAt: string; version: number; state?: DecisionState }>;
  workflow: WorkflowDefinition;
  calendar: WorkingCalendar;
  /** Which body answers for a role (e.g. the Sở Nội vụ for reviewers); null when unknown. */
  bodyOfRole: (role: Role) => string | null;
  reminderLeadWorkingDays: number;
  expiryWarningDays: number;
}

/**
 * How far ahead the reports and evaluations of a delegation without an end are scheduled. The schedule
 * is a function of the stream alone (not of today), so it has to stop somewhere; an amendment or a
 * new issuance moves it on.
 */
export const OPEN_ENDED_HORIZON_YEARS = 10;

/** How far ahead reads show report and evaluation deadlines (what lists and the board show). */
export const SHOWN_AHEAD_DAYS = 100;

const PERIOD_END: Text = { vi: 'Hết thời hạn ủy quyền', en: 'End of the authorisation period' };

/** Where the dates of the in-effect deadlines come from. */
const WHY: Record<DeadlineKind, Text> = {
  stage: { vi: '', en: '' },
  report: {
    vi: 'báo cáo quý gửi trước ngày 15 tháng cuối quý (Kế hoạch 7781/KH-UBND tỉnh Quảng Nam)',
    en: 'quarterly reports are due before the 15th of the quarter’s last month (Plan 7781/KH-UBND, Quảng Nam)',
  },
  evaluation: {
    vi: 'định kỳ hằng năm đánh giá nội dung phân cấp, ủy quyền; hạn 31/01 năm sau',
    en: 'each delegation is evaluated every year (Núi Thành plan, task 7); due by 31 January of the next year',
  },
  'period-end': {
    vi: 'ngày cuối của thời hạn ủy quyền (Luật 72/2025/QH15, Điều 14); nhắc trước theo số ngày cấu hình',
    en: 'the last day of the authorisation period (Law 72/2025, Art. 14); reminded the configured days before',
  },
};

/** The working day `n` working days before `date` (the day a reminder goes out). */
export function workingDaysBefore(calendar: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  return calendar.workingDaysBefore(date, n);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The role that moves a decision on from a stage: the first forward transition's first role. */
function responsibleRole(workflow: WorkflowDefinition, stage: Stage): Role | undefined {
  const sideways = new Set(['withdraw', 'update-draft', 'amend', 'revoke', 'expire', 'file-report', 'record-evaluation']);
  return workflow.transitions.find((t) => t.from.includes(stage) && !sideways.has(t.command))?.roles[0];
}

/**
 * The stage deadlines of a decision, folded event by event: the state, the rows so far, the open one
 * and a paused appraisal. A value of its own so that a long stream is not folded again for every
 * command: `stageClock(more, input, clock)` goes on from where `clock` stopped.
 */
export interface StageClock {
  version: number;
  state: DecisionState;
  rows: readonly DeadlineRow[];
  /** Index in `rows` of the deadline of the current stage, while open. */
  current?: number;
  paused?: { row: number; remaining: number; since: IsoDate };
}

export type ScheduleInputs = Omit<DeadlineInputs, 'events'>;

export function startClock(decisionId: string): StageClock {
  return { version: 0, state: initialDecisionState(decisionId), rows: [] };
}

/** Goes on from `from` with more events (in version order, following it). Pure: `from` is not changed. */
export function stageClock(events: DeadlineInputs['events'], input: ScheduleInputs, from: StageClock): StageClock {
  const { workflow, calendar } = input;
  let { state, rows, current, paused } = from;
  let version = from.version;
  const close = (index: number, change: Partial<DeadlineRow>) => {
    rows = rows.map((r, i) => (i === index ? { ...r, ...change } : r));
  };
  for (const { event, occurredAt, version: v, state: folded } of events) {
    version = v;
    const before = state.stage;
    state = folded ?? evolve(state, event, { occurredAt, version: v });
    if (state.stage === before && v !== 1) continue;
    const day = vietnamDate(occurredAt);
    if (current !== undefined) {
      const open = rows[current];
      if (state.stage === 'revision-requested' && before === 'in-appraisal') {
        paused = { row: current, remaining: Math.max(0, calendar.workingDaysBetween(day, open.dueOn)), since: day };
        close(current, { status: 'paused', closedOn: day });
      } else {
        close(current, { status: day <= open.dueOn ? 'met' : 'late', closedOn: day });
      }
      current = undefined;
    }
    const limit = workflow.stages[state.stage]?.timeLimitWorkingDays;
    const role = responsibleRole(workflow, state.stage);
    if (!limit || !role) continue;
    const resumed = state.stage === 'in-appraisal' && paused ? paused : undefined;
    const workingDays = resumed ? resumed.remaining : limit;
    const dueOn = calendar.dueAfter(day, workingDays);
    const notes: Text[] = resumed
      ? [{
          vi: `Thời hạn thẩm định tạm dừng từ ${resumed.since} đến ${day} (chờ bên đề xuất bổ sung); còn lại ${resumed.remaining} ngày làm việc.`,
          en: `The appraisal clock stopped from ${resumed.since} to ${day} (waiting on the proposer); ${resumed.remaining} working days were left.`,
        }]
      : [];
    paused = resumed ? undefined : paused;
    const stageLabel = workflow.stages[state.stage]!.label;
    current = rows.length;
    rows = [...rows, {
      id: `stage:${state.id}:${v}`,
      decisionId: state.id,
      kind: 'stage',
      subject: state.stage,
      title: { vi: `Hạn bước «${stageLabel.vi}»`, en: `Time limit of stage "${stageLabel.en}"` },
      startsOn: day,
      dueOn,
      remindOn: workingDaysBefore(calendar, dueOn, input.reminderLeadWorkingDays),
      escalateOn: nextDay(dueOn),
      responsibleRole: role,
      responsibleBodyId: role === 'proposer' ? state.proposerBodyId : input.bodyOfRole(role),
      responsibleUserId: state.stage === 'in-appraisal' ? state.reviewerId ?? null : null,
      status: 'open',
      closedOn: null,
      workingDays,
      notes,
    }];
  }
  return { version, state, rows, current, paused };
}

/** Every deadline once the stage clock has seen the whole stream: the stages', then those in effect. */
export function deadlinesOfClock(clock: StageClock, input: ScheduleInputs): DeadlineRow[] {
  const { state } = clock;
  let rows = [...clock.rows];
  if (clock.current !== undefined && ['rejected', 'withdrawn', 'revoked', 'expired'].includes(state.stage)) {
    rows = rows.map((r, i) => (i === clock.current ? { ...r, status: 'cancelled' as const } : r));
  }
  if (state.issuance) rows.push(...inEffectDeadlines(state, input));
  return rows;
}

/**
 * Every deadline of one decision, a pure function of its events and the calendar (so the table can be
 * rebuilt from the log, and an append writes only the rows that changed): a deadline per timed stage
 * (its clock stops while a revision request waits on the proposer: the appraisal resumes with the
 * working days it had left), quarterly reports and yearly evaluations while it is in effect, and the
 * end of an ủy quyền's period.
 */
export function deadlinesOf(input: DeadlineInputs): DeadlineRow[] {
  const first = input.events[0]?.event;
  const clock = stageClock(input.events, input, startClock(first?.type === 'ProposalDrafted' ? first.data.decisionId : ''));
  return deadlinesOfClock(clock, input);
}

/** Reports each quarter, an evaluation each year, and an ủy quyền's period end, while in effect. */
function inEffectDeadlines(state: DecisionState, input: ScheduleInputs): DeadlineRow[] {
  const { calendar } = input;
  const start = state.issuance!.effectiveFrom;
  const ended = state.revocation?.effectiveFrom ?? (state.kind === 'uy-quyen' && state.content.period ? nextDay(state.content.period.to) : null);
  const lastYear = Number(start.slice(0, 4)) + OPEN_ENDED_HORIZON_YEARS - 1;
  const horizon = `${lastYear}-12-31`;
  const rows: DeadlineRow[] = [];
  const row = (id: string, kind: DeadlineKind, subject: string, title: Text, dueOn: IsoDate, role: Role, bodyId: string | null, done?: string): DeadlineRow => {
    const closedOn = done ? vietnamDate(done) : null;
    return {
      id, decisionId: state.id, kind, subject, title, startsOn: start, dueOn,
      remindOn: workingDaysBefore(calendar, dueOn, input.reminderLeadWorkingDays),
      escalateOn: nextDay(dueOn), responsibleRole: role, responsibleBodyId: bodyId, responsibleUserId: null,
      status: closedOn ? (closedOn <= dueOn ? 'met' : 'late') : 'open', closedOn, workingDays: null, notes: [],
    };
  };
  // Quarterly reports, due before the 15th of the quarter's last month (seed 003).
  for (let [y, q] = [Number(start.slice(0, 4)), Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1]; ; q === 4 ? ((y += 1), (q = 1)) : (q += 1)) {
    const due = `${y}-${String(q * 3).padStart(2, '0')}-14`;
    if (due > horizon || (ended && due >= ended)) break;
    if (due < start) continue;
    const period = `${y}-Q${q}`;
    const filed = state.reports.find((r) => r.period === period);
    rows.push(row(`report:${state.id}:${period}`, 'report', period, { vi: `Báo cáo kết quả thực hiện quý ${q}/${y}`, en: `Implementation report for Q${q} ${y}` }, due, 'proposer', state.content.delegateBodyId, filed?.filedAt));
  }
  // A yearly evaluation of every full year in effect (seed 000, task 7), due by 31 January.
  for (let y = Number(start.slice(0, 4)); y <= lastYear; y++) {
    if (ended && ended <= `${y}-12-31`) break;
    const done = state.evaluations.find((e) => e.year === y);
    rows.push(row(`evaluation:${state.id}:${y}`, 'evaluation', String(y), { vi: `Đánh giá năm ${y}`, en: `Evaluation of ${y}` }, `${y + 1}-01-31`, 'reviewer', input.bodyOfRole('reviewer'), done?.recordedAt));
  }
  if (state.kind === 'uy-quyen' && state.content.period && !state.revocation) {
    const r = row(`period-end:${state.id}`, 'period-end', state.content.period.to, PERIOD_END, state.content.period.to, 'committee-office', input.bodyOfRole('committee-office'), state.expiredOn ? `${state.expiredOn}T00:00:00+07:00` : undefined);
    r.remindOn = addDays(r.dueOn, -input.expiryWarningDays);
    rows.push(r);
  }
  if (['revoked', 'expired'].includes(state.stage)) for (const r of rows) if (r.status === 'open' && ended && r.dueOn >= ended) r.status = 'cancelled';
  return rows;
}

/**
 * How a deadline's date was computed, from what the table keeps: a stage's limit counted day by day in
 * the working-day calendar (each day skipped with its reason), or where an obligation's date comes from.
 * Computed when read, so the table holds a few dates per deadline, not its explanation.
 */
export function explainDeadline(
  d: Pick<DeadlineRow, 'kind' | 'startsOn' | 'dueOn' | 'workingDays' | 'notes'>,
  calendar: WorkingCalendar,
): DeadlineExplanation {
  if (d.kind === 'stage' && d.workingDays !== null) {
    const counted = calendar.addWorkingDays(d.startsOn, d.workingDays);
    return { summary: counted.summary, steps: counted.explanation, notes: d.notes };
  }
  const why = WHY[d.kind];
  return { summary: { vi: `Hạn ${d.dueOn}: ${why.vi}`, en: `Due ${d.dueOn}: ${why.en}` }, steps: [], notes: d.notes };
}
