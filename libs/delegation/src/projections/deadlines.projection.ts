import { deadlinesOfClock, stageClock, startClock, type DeadlineRow, type StageClock } from '../deadlines/schedule.js';
import type { DecisionState } from '../domain/state.js';
import { getWorkflow } from '../workflows/registry.js';
import { eventsWithMeta, type DecisionProjection, type DecisionProjectionContext, type DecisionStreamView } from './decision-view.js';

/** The checks' own output never moves a deadline. */
const NOT_A_DEADLINE = new Set(['FindingRaised', 'FindingResolved']);

/**
 * Where each stream's stage clock stopped, with the context it was computed in: the next command goes
 * on from there instead of folding the whole stream again (twice: before and after). Events never
 * change, so a clock of a prefix of the stream is always right; a new context starts afresh.
 */
const clocks = new Map<string, { ctx: DecisionProjectionContext; clock: StageClock; last: unknown }>();
/** The rows of a folded state, per context: `before` of one command is `after` of the previous one. */
const finished = new WeakMap<DecisionState, { ctx: DecisionProjectionContext; rows: DeadlineRow[] }>();

function clockOf(view: DecisionStreamView, ctx: DecisionProjectionContext): StageClock {
  const workflow = getWorkflow(view.state.workflow.id, view.state.workflow.version)!;
  const input = { ...ctx, workflow };
  const memo = clocks.get(view.streamId);
  const from = memo && memo.ctx === ctx && memo.clock.version <= view.version && (memo.clock.version === 0 || view.events[memo.clock.version - 1] === memo.last)
    ? memo.clock
    : startClock(view.streamId);
  const clock = stageClock(eventsWithMeta({ ...view, events: view.events.slice(from.version) }), input, from);
  if (!memo || clock.version >= memo.clock.version || memo.ctx !== ctx) {
    clocks.delete(view.streamId);
    clocks.set(view.streamId, { ctx, clock, last: view.events[clock.version - 1] });
    if (clocks.size > 5000) clocks.delete(clocks.keys().next().value as string);
  }
  return clock;
}

/**
 * Each decision's schedule (deadlines/schedule.ts): a pure function of its stream and the working-day
 * calendar. What depends on today (late, working days left) is computed when the table is read.
 */
export const deadlinesProjection: DecisionProjection = {
  name: 'deadlines',
  // 2: the schedule no longer depends on today (in-effect obligations run to the delegation's end, or ten years).
  // 3: the explanation is computed when read; the row keeps the working days counted and the notes.
  version: 3,
  table: 'deadlines',
  streamColumn: 'decision_id',
  key: ['id'],
  columns: [
    'id', 'decision_id', 'kind', 'subject', 'title_vi', 'title_en', 'starts_on', 'due_on', 'remind_on', 'escalate_on',
    'responsible_role', 'responsible_body_id', 'responsible_user_id', 'status', 'closed_on', 'working_days', 'notes',
  ],
  canHandle: (type) => !NOT_A_DEADLINE.has(type),
  rows: (view, ctx) => {
    const { state } = view;
    const workflow = state.exists ? getWorkflow(state.workflow.id, state.workflow.version) : undefined;
    if (!workflow) return [];
    const hit = finished.get(state);
    const deadlines = hit && hit.ctx === ctx ? hit.rows : deadlinesOfClock(clockOf(view, ctx), { ...ctx, workflow });
    finished.set(state, { ctx, rows: deadlines });
    return deadlines.map((d) => ({
      id: d.id, decision_id: d.decisionId, kind: d.kind, subject: d.subject, title_vi: d.title.vi, title_en: d.title.en,
      starts_on: d.startsOn, due_on: d.dueOn, remind_on: d.remindOn, escalate_on: d.escalateOn, responsible_role: d.responsibleRole,
      responsible_body_id: d.responsibleBodyId, responsible_user_id: d.responsibleUserId, status: d.status, closed_on: d.closedOn,
      working_days: d.workingDays, notes: d.notes,
    }));
  },
};
