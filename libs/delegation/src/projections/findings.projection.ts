import type { DecisionProjection } from './decision-view.js';

/** Events that change a finding or the bodies each finding row is filed under. */
const CHANGES_FINDINGS = new Set(['FindingRaised', 'FindingResolved', 'DecisionReassigned', 'DecisionAmended', 'DraftUpdated', 'ProposalResubmitted']);

/** What the accountability checks found on a decision, open and resolved, from its stream. */
export const findingsProjection: DecisionProjection = {
  name: 'findings',
  version: 1,
  table: 'findings',
  streamColumn: 'decision_id',
  key: ['decision_id', 'finding_id'],
  columns: [
    'decision_id', 'finding_id', 'rule_id', 'rule_version', 'key', 'severity', 'message_vi', 'message_en', 'details', 'open',
    'raised_at', 'resolved_at', 'resolution_vi', 'resolution_en', 'delegator_body_id', 'delegate_body_id',
  ],
  canHandle: (type) => CHANGES_FINDINGS.has(type),
  rows: ({ state }) =>
    Object.values(state.findings ?? {}).map((f) => ({
      decision_id: state.id, finding_id: f.findingId, rule_id: f.ruleId, rule_version: f.ruleVersion, key: f.key, severity: f.severity,
      message_vi: f.message.vi, message_en: f.message.en, details: f.details ?? null, open: f.open, raised_at: f.raisedAt,
      resolved_at: f.resolvedAt ?? null, resolution_vi: f.resolution?.vi ?? null, resolution_en: f.resolution?.en ?? null,
      delegator_body_id: state.content.delegatorBodyId, delegate_body_id: state.content.delegateBodyId,
    })),
};
