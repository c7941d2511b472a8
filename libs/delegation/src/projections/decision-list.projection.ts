import type { DecisionProjection } from './decision-view.js';

/** The board and the lists: one row per decision, rewritten from the state after every event. */
export const decisionListProjection: DecisionProjection = {
  name: 'decision_list',
  version: 1,
  table: 'decision_list',
  streamColumn: 'id',
  key: ['id'],
  columns: [
    'id', 'version', 'kind', 'stage', 'title', 'delegator_body_id', 'delegate_body_id', 'proposer_body_id', 'sector', 'power_ids',
    'workflow_version', 'period_from', 'period_to', 'reviewer_id', 'stage_entered_at', 'created_at', 'updated_at', 'province_id',
  ],
  canHandle: () => true,
  rows: ({ state }, ctx) => {
    if (!state.exists) return [];
    const c = state.content;
    return [{
      id: state.id, version: state.version, kind: state.kind, stage: state.stage, title: c.title,
      delegator_body_id: c.delegatorBodyId, delegate_body_id: c.delegateBodyId, proposer_body_id: state.proposerBodyId,
      sector: c.sector, power_ids: c.powerIds, workflow_version: state.workflow.version,
      period_from: c.period?.from ?? null, period_to: c.period?.to ?? null, reviewer_id: state.reviewerId ?? null,
      stage_entered_at: state.stageEnteredAt, created_at: state.createdAt, updated_at: state.updatedAt, province_id: ctx.provinceId,
    }];
  },
};
