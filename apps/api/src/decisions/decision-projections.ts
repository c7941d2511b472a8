import type { EntityManager } from 'typeorm';
import { holdingsOf, type DecisionEvent, type DecisionState } from '@app/delegation';

/**
 * The read models of one decision, written in the same transaction as its events (inline projection):
 * its row in the decision list and its intervals in the power registry. Both are functions of the
 * stream alone, so replaying a stream rewrites them identically (see rebuild).
 */
export async function projectDecision(m: EntityManager, state: DecisionState, events: readonly DecisionEvent[]): Promise<void> {
  if (!state.exists) return;
  const c = state.content;
  await m.query(
    `INSERT INTO decision_list (id, version, kind, stage, title, delegator_body_id, delegate_body_id, proposer_body_id,
       sector, power_ids, workflow_version, period_from, period_to, reviewer_id, stage_entered_at, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)
     ON CONFLICT (id) DO UPDATE SET version=$2, kind=$3, stage=$4, title=$5, delegator_body_id=$6, delegate_body_id=$7,
       proposer_body_id=$8, sector=$9, power_ids=$10, workflow_version=$11, period_from=$12, period_to=$13,
       reviewer_id=$14, stage_entered_at=$15, created_at=$16, updated_at=$17`,
    [
      state.id, state.version, state.kind, state.stage, c.title, c.delegatorBodyId, c.delegateBodyId, state.proposerBodyId,
      c.sector, c.powerIds, state.workflow.version, c.period?.from ?? null, c.period?.to ?? null, state.reviewerId ?? null,
      state.stageEnteredAt, state.createdAt, state.updatedAt,
    ],
  );
  await m.query(`DELETE FROM power_holdings WHERE decision_id = $1`, [state.id]);
  const holdings = holdingsOf(events);
  for (const [seq, h] of holdings.entries()) {
    await m.query(
      `INSERT INTO power_holdings (decision_id, seq, power_id, holder_body_id, delegator_body_id, kind, valid_from, valid_to)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [state.id, seq, h.powerId, h.holderBodyId, h.delegatorBodyId, h.kind, h.validFrom, h.validTo],
    );
  }
}
