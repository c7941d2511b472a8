import { describe, expect, it } from '@jest/globals';
import { decision, eventsTo, NOW, validCommand } from '../testing/fixtures.js';
import { evaluationFollowUp } from './evaluation-follow-up.js';
import type { DecisionEvent, EvaluationRecommendation } from './events.js';
import { evolve } from './evolve.js';
import { initialDecisionState } from './initial-state.js';

const evaluated = (year: number, recommendation?: EvaluationRecommendation): DecisionEvent => ({
  type: 'EvaluationRecorded',
  data: {
    year, result: 'needs-adjustment', summary: 'Cần điều chỉnh', problems: ['Thiếu biên chế', 'Chậm báo cáo quý'],
    ...(recommendation !== undefined && { recommendation }),
  },
});

describe.each(['phan-cap', 'uy-quyen'] as const)('%s: a recommendation to amend or revoke opens that proposal, linked', (kind) => {
  const inEffect = eventsTo(kind, 'issued');
  const amend = (year?: number) => ({ ...validCommand('amend', kind), data: { ...validCommand('amend', kind).data, ...(year !== undefined && { evaluationRef: { year } }) } });
  const revoke = (year?: number) => ({ ...validCommand('revoke', kind), data: { ...validCommand('revoke', kind).data, ...(year !== undefined && { evaluationRef: { year } }) } });

  it('pre-fills the amend request from the evaluation: its problems as the reason, the evaluation as basis', () => {
    const state = decision.given([...inEffect, evaluated(2026, 'amend')]).state;
    expect(evaluationFollowUp(state, 2026)).toMatchObject({
      command: 'amend', recommendation: 'amend',
      body: { reason: 'Sửa đổi, bổ sung theo kết quả đánh giá năm 2026 của Sở Nội vụ: Thiếu biên chế; Chậm báo cáo quý', evaluationRef: { year: 2026 }, changes: {} },
      missing: ['documentNumber', 'effectiveFrom', 'changes'], basis: { year: 2026, problems: ['Thiếu biên chế', 'Chậm báo cáo quý'] }, followedBy: null,
    });
    expect(evaluationFollowUp(decision.given([...inEffect, evaluated(2026, 'revoke')]).state, 2026))
      .toMatchObject({ command: 'revoke', body: { reason: expect.stringContaining('Thu hồi theo kết quả đánh giá năm 2026'), evaluationRef: { year: 2026 } }, missing: ['documentNumber', 'effectiveFrom'] });
  });

  it.each(['keep', 'extend', undefined] as const)('opens nothing for the recommendation %p, and knows no evaluation of another year', (recommendation) => {
    const state = decision.given([...inEffect, evaluated(2026, recommendation)]).state;
    expect(evaluationFollowUp(state, 2026)).toMatchObject({ command: null, body: null, missing: [] });
    expect(evaluationFollowUp(state, 2025)).toBeUndefined();
  });

  it('records the amendment as following the evaluation, and the evaluation as followed by it', () => {
    const after = decision.given([...inEffect, evaluated(2026, 'amend')]).when(amend(2026))
      .then([{ type: 'DecisionAmended', data: { amendment: 1, ...validCommand('amend', kind).data, evaluationRef: { year: 2026 } } }])
      .thenState({ amendments: [{ amendment: 1, evaluationRef: { year: 2026 } }] });
    expect(after.evaluations[0]!.followedBy).toEqual({ command: 'amend', documentNumber: '20/2026/QĐ-UBND', effectiveFrom: '2026-06-01', amendment: 1, at: NOW });
    expect(evaluationFollowUp(after, 2026)!.followedBy).toMatchObject({ command: 'amend', amendment: 1 });
  });

  it('records the revocation as following the evaluation', () => {
    const after = decision.given([...inEffect, evaluated(2026, 'revoke')]).when(revoke(2026))
      .then([{ type: 'DecisionRevoked', data: { ...validCommand('revoke', kind).data, evaluationRef: { year: 2026 } } }])
      .thenState({ stage: 'revoked', revocation: { evaluationRef: { year: 2026 } } });
    expect(after.evaluations[0]!.followedBy).toMatchObject({ command: 'revoke', documentNumber: '30/2026/QĐ-UBND', at: NOW });
  });

  it('refuses a reference to an evaluation the decision lacks, or one that recommended otherwise, naming the field', () => {
    const onAmend = decision.given([...inEffect, evaluated(2026, 'amend')]);
    onAmend.when(amend(2025)).thenRefuses('evaluation-follow-up-matches', { kind: 'rule-violated', field: 'evaluationRef.year' });
    onAmend.when(revoke(2026)).thenRefuses('evaluation-follow-up-matches', { field: 'evaluationRef.year', detail: { en: expect.stringContaining('recommended: amend') as unknown as string } });
    decision.given([...inEffect, evaluated(2026, 'keep')]).when(amend(2026)).thenRefuses('evaluation-follow-up-matches', { field: 'evaluationRef.year' });
    decision.given([...inEffect, evaluated(2026)]).when(revoke(2026)).thenRefuses('evaluation-follow-up-matches', { field: 'evaluationRef.year' });
  });

  it('amends and revokes without a reference as before, leaving the evaluation unfollowed', () => {
    const given = decision.given([...inEffect, evaluated(2026, 'amend')]);
    const [amended] = given.when(amend()).thenAccepts();
    expect(amended!.data).not.toHaveProperty('evaluationRef');
    expect(given.when(amend()).thenState({}).evaluations[0]).not.toHaveProperty('followedBy');
    expect(given.when(revoke()).thenAccepts()[0]!.data).not.toHaveProperty('evaluationRef');
  });

  it('reads an older DecisionRevoked, without the field, as before', () => {
    const state = [...inEffect, evaluated(2026, 'revoke'), { type: 'DecisionRevoked', data: { documentNumber: '30/QĐ', reason: 'r', effectiveFrom: '2026-09-01' } } as DecisionEvent]
      .reduce((s, e, i) => evolve(s, e, { occurredAt: NOW, version: i + 1 }), initialDecisionState('d-0001'));
    expect(state.revocation).toEqual({ documentNumber: '30/QĐ', reason: 'r', effectiveFrom: '2026-09-01' });
    expect(state.evaluations[0]!.followedBy).toBeUndefined();
  });
});
