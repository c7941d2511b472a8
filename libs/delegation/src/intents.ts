import type { Intent, Row } from '@app/event-store';
import type { DecisionEvent } from './domain/events.js';
import type { DecisionState } from './domain/state.js';
import type { DecisionProjectionContext, DecisionStreamView } from './projections/decision-view.js';
import { deadlinesProjection } from './projections/deadlines.projection.js';
import { currentDeadline } from './projections/decision-list.projection.js';

/** Events the checks themselves write: asking for checks again after them would only repeat what was checked. */
const CHECK_OUTPUT = new Set(['FindingRaised', 'FindingResolved']);

/** Events that change who holds a power when (the registry's intervals): other decisions' checks read them. */
const CHANGES_VALIDITY = new Set(['DecisionIssued', 'DecisionAmended', 'DecisionReassigned', 'DecisionRevoked', 'DelegationExpired']);

/**
 * What the checks of another decision see of this one (CheckContextLoader.others: only live delegations,
 * the approved and issued ones apart): a change asks for the checks of the issued decisions sharing a power.
 */
function seenByOthers(s: DecisionState): string {
  if (!s.exists || ['draft', 'rejected', 'withdrawn', 'revoked', 'expired'].includes(s.stage)) return 'unseen';
  const c = s.content;
  const phase = s.stage === 'approved' || s.stage === 'issued' ? s.stage : 'proposed';
  return JSON.stringify([phase, s.kind, c.delegatorBodyId, c.delegateBodyId, [...c.powerIds].sort(), c.period ?? null]);
}

/** 08:00 in Vietnam on a date: when reminders go out. */
const morningOf = (day: string) => `${day}T08:00:00+07:00`;

export type DecisionIntent =
  | { kind: 'run-checks'; payload: { decisionId: string; version: number } }
  | { kind: 'send-reminder'; payload: { deadlineId: string; type: 'remind' | 'escalate' } }
  | { kind: 'recheck-related'; payload: { decisionId: string; version: number; powerIds: string[]; delegatorBodyIds: string[] } }
  | { kind: 'notify-handoff'; payload: HandoffPayload };

/** Whom a hand-off notice goes to: a named user, or everyone with a role (in a body). */
export interface HandoffAddressee {
  role?: string;
  bodyId?: string | null;
  userId?: string | null;
}

/** A decision moved on: the event at `version` is told to the next actor (and, for outcomes, the proposer). */
export interface HandoffPayload {
  decisionId: string;
  version: number;
  eventType: string;
  to: HandoffAddressee[];
}

/** The events that pass a decision on to someone else. */
export const HANDOFF_EVENTS = new Set([
  'ProposalSubmitted', 'ReviewerAssigned', 'RevisionRequested', 'ProposalResubmitted', 'AppraisalCompleted',
  'LegalAppraisalRecorded', 'SubmittedToCouncil', 'CouncilVoteRecorded', 'DecisionMade', 'DecisionIssued', 'FindingRaised',
]);
/** Outcomes the proposing body hears of whoever acts next. */
const TELLS_PROPOSER = new Set(['RevisionRequested', 'CouncilVoteRecorded', 'DecisionMade', 'DecisionIssued', 'FindingRaised']);

/**
 * The hand-off notices of an append, one per event (a check's findings of one run: one notice), each
 * under `notify:<decision>:<version>` so a retried command or a replay asks once. The next actor is whom
 * the decision waits on after the append (its current deadline); the actor is left out when the notice is sent.
 */
function handoffIntents(after: DecisionStreamView, added: readonly DecisionEvent[], ctx: DecisionProjectionContext): Intent[] {
  const s = after.state;
  if (!s.exists) return [];
  const first = after.version - added.length + 1;
  const deadline = currentDeadline(deadlinesProjection.rows(after, ctx), s.stage);
  const next: HandoffAddressee | undefined = deadline
    ? { role: String(deadline.responsible_role), bodyId: (deadline.responsible_body_id as string | null) ?? null, userId: (deadline.responsible_user_id as string | null) ?? null }
    : undefined;
  const intents: Intent[] = [];
  let findingsTold = false;
  added.forEach((e, i) => {
    if (!HANDOFF_EVENTS.has(e.type)) return;
    if (e.type === 'FindingRaised') {
      if (findingsTold || e.data.severity === 'info') return;
      findingsTold = true;
    }
    const to: HandoffAddressee[] = [];
    if ((e.type === 'ReviewerAssigned' || e.type === 'ProposalResubmitted') && s.reviewerId) to.push({ userId: s.reviewerId });
    if (e.type === 'ReviewerAssigned') to.push({ userId: e.data.reviewerId });
    if (next) to.push(next);
    if (TELLS_PROPOSER.has(e.type)) to.push({ role: 'proposer', bodyId: s.proposerBodyId });
    const unique = [...new Map(to.map((a) => [JSON.stringify([a.userId ?? null, a.userId ? null : a.role ?? null, a.userId ? null : a.bodyId ?? null]), a])).values()];
    const version = first + i;
    intents.push({ id: `notify:${after.streamId}:${version}`, kind: 'notify-handoff', streamId: after.streamId, payload: { decisionId: after.streamId, version, eventType: e.type, to: unique } });
  });
  return intents;
}

/**
 * What a decision's workflow asks for when events are appended, as data with deterministic ids (so a
 * retried command or a replay asks once): the accountability checks of the new version, those of the
 * issued decisions that share a power when what they see of this one changed, and the reminder and
 * escalation of every open deadline the events created or moved, at the day each is due.
 */
export function decisionIntents(
  before: DecisionStreamView,
  after: DecisionStreamView,
  added: readonly DecisionEvent[],
  ctx: DecisionProjectionContext,
): Intent[] {
  const id = after.streamId;
  const intents: Intent[] = [];
  if (added.some((e) => !CHECK_OUTPUT.has(e.type))) {
    intents.push({ id: `check:${id}:${after.version}`, kind: 'run-checks', streamId: id, payload: { decisionId: id, version: after.version } });
  }
  const seen = seenByOthers(after.state);
  if (seen !== seenByOthers(before.state) || (seen !== 'unseen' && added.some((e) => CHANGES_VALIDITY.has(e.type)))) {
    const sides = [before.state, after.state].filter((s) => s.exists);
    intents.push({
      id: `related:${id}:${after.version}`, kind: 'recheck-related', streamId: id,
      payload: {
        decisionId: id, version: after.version,
        powerIds: [...new Set(sides.flatMap((s) => s.content.powerIds))].sort(),
        delegatorBodyIds: [...new Set(sides.map((s) => s.content.delegatorBodyId))].sort(),
      },
    });
  }
  intents.push(...handoffIntents(after, added, ctx));
  if (added.some((e) => deadlinesProjection.canHandle(e.type))) {
    const was = new Map((before.version ? deadlinesProjection.rows(before, ctx) : []).map((r) => [r.id, r]));
    for (const d of deadlinesProjection.rows(after, ctx)) {
      const prior = was.get(d.id);
      if (d.status !== 'open' || (prior && prior.status === 'open' && prior.remind_on === d.remind_on && prior.escalate_on === d.escalate_on)) continue;
      intents.push(...reminderIntents(id, d));
    }
  }
  return intents;
}

/** The reminder and (but for a period's end) the escalation of an open deadline row, on their days. */
export function reminderIntents(streamId: string, d: Row): Intent[] {
  const wanted: Array<['remind' | 'escalate', string]> = [['remind', String(d.remind_on)]];
  if (d.kind !== 'period-end') wanted.push(['escalate', String(d.escalate_on)]);
  return wanted.map(([type, day]) => ({
    id: `${type}:${d.id}:${day}`, kind: 'send-reminder', streamId,
    payload: { deadlineId: String(d.id), type }, runAt: morningOf(day),
  }));
}
