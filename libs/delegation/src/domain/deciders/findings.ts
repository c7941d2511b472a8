import type { RecordFindings } from '../commands.js';
import type { DecisionEvent, FindingRaised, FindingResolved } from '../events.js';
import { ok, type DecisionResult } from '../outcome.js';
import type { DecisionState } from '../state.js';
import type { Stage, Text } from '../types.js';

/** Why a finding was closed because its check no longer finds it. */
export const CONDITION_FIXED: Text = {
  vi: 'Điều kiện đã được khắc phục',
  en: 'The condition no longer holds',
};

/** Why a finding was closed because the decision itself ended (revoked, expired, rejected, withdrawn). */
export const DECISION_ENDED: Text = {
  vi: 'Quyết định đã kết thúc (hết hiệu lực, bị thu hồi, không được chấp thuận hoặc đã rút), không còn phải theo dõi',
  en: 'The decision has ended (expired, revoked, rejected or withdrawn); there is nothing left to follow up',
};

const ENDED: readonly Stage[] = ['rejected', 'withdrawn', 'revoked', 'expired'];
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The events that bring the decision's recorded findings in line with what the checks found now.
 * - FindingRaised for each found finding whose id ("<ruleId>:<key>") is not open on the decision;
 * - FindingResolved for each open finding whose rule was checked now and which was not found again.
 * - Once the decision has ended (rejected, withdrawn, revoked, expired) nothing more is owed or can be
 *   fixed: every open finding is resolved (reason DECISION_ENDED) and none is raised.
 * Pure and deterministic: resolutions first, then raisings, each in findingId order. Applying the output
 * and running it again with the same findings yields no events.
 */
export function reconcileFindings(state: DecisionState, found: RecordFindings['data']['found'], checkedRuleIds: readonly string[]): DecisionEvent[] {
  const ended = state.exists && ENDED.includes(state.stage);
  const foundById = new Map<string, RecordFindings['data']['found'][number]>();
  for (const f of found) {
    const id = `${f.ruleId}:${f.key}`;
    if (!foundById.has(id)) foundById.set(id, f);
  }
  const checked = new Set(checkedRuleIds);
  const open = Object.values(state.findings ?? {}).filter((f) => f.open);

  const resolved: FindingResolved[] = open
    .filter((f) => ended || (checked.has(f.ruleId) && !foundById.has(f.findingId)))
    .sort((a, b) => byString(a.findingId, b.findingId))
    .map((f) => ({
      type: 'FindingResolved',
      data: { findingId: f.findingId, ruleId: f.ruleId, reason: ended ? DECISION_ENDED : CONDITION_FIXED },
    }));

  const raised: FindingRaised[] = ended
    ? []
    : [...foundById.entries()]
        .filter(([id]) => state.findings?.[id]?.open !== true)
        .sort(([a], [b]) => byString(a, b))
        .map(([findingId, f]) => ({
          type: 'FindingRaised',
          data: {
            findingId,
            ruleId: f.ruleId,
            ruleVersion: f.ruleVersion,
            key: f.key,
            severity: f.severity,
            message: f.message,
            ...(f.details !== undefined && { details: f.details }),
          },
        }));

  return [...resolved, ...raised];
}

/**
 * The system records what the accountability checks found, against the state the decision is in when
 * it is recorded (so a check that lost a race to a person's command is reconciled again, not replayed):
 * the decision's stream keeps one writer, this decider.
 */
export function recordFindings(cmd: RecordFindings, state: DecisionState): DecisionResult {
  return ok(...reconcileFindings(state, cmd.data.found, cmd.data.checkedRuleIds));
}
