import { deadlinesOf } from '../deadlines/schedule.js';
import { getWorkflow } from '../workflows/registry.js';
import { eventsWithMeta, type DecisionProjection } from './decision-view.js';

/** The checks' own output never moves a deadline. */
const NOT_A_DEADLINE = new Set(['FindingRaised', 'FindingResolved']);

/**
 * Each decision's schedule (deadlines/schedule.ts): a pure function of its stream and the working-day
 * calendar. What depends on today (late, working days left) is computed when the table is read.
 */
export const deadlinesProjection: DecisionProjection = {
  name: 'deadlines',
  // 2: the schedule no longer depends on today (in-effect obligations run to the delegation's end, or ten years).
  version: 2,
  table: 'deadlines',
  streamColumn: 'decision_id',
  key: ['id'],
  columns: [
    'id', 'decision_id', 'kind', 'subject', 'title_vi', 'title_en', 'starts_on', 'due_on', 'remind_on', 'escalate_on',
    'responsible_role', 'responsible_body_id', 'responsible_user_id', 'status', 'closed_on', 'explanation',
  ],
  canHandle: (type) => !NOT_A_DEADLINE.has(type),
  rows: (view, ctx) => {
    const { state } = view;
    const workflow = state.exists ? getWorkflow(state.workflow.id, state.workflow.version) : undefined;
    if (!workflow) return [];
    return deadlinesOf({ ...ctx, events: eventsWithMeta(view), workflow }).map((d) => ({
      id: d.id, decision_id: d.decisionId, kind: d.kind, subject: d.subject, title_vi: d.title.vi, title_en: d.title.en,
      starts_on: d.startsOn, due_on: d.dueOn, remind_on: d.remindOn, escalate_on: d.escalateOn, responsible_role: d.responsibleRole,
      responsible_body_id: d.responsibleBodyId, responsible_user_id: d.responsibleUserId, status: d.status, closed_on: d.closedOn,
      explanation: d.explanation,
    }));
  },
};
