import { describe, expect, it } from '@jest/globals';
import { drafted, eventsTo, given, ID } from '../testing/fixtures.js';
import { evolve, foldDecision } from './evolve.js';
import { initialDecisionState } from './initial-state.js';

describe('evolve', () => {
  it('creates the decision from ProposalDrafted with its workflow version and clocks', () => {
    const s = evolve(initialDecisionState(ID), drafted('uy-quyen'), { occurredAt: '2026-01-05T02:00:00.000Z', version: 1 });
    expect(s).toMatchObject({
      exists: true, id: ID, kind: 'uy-quyen', workflow: { id: 'uy-quyen', version: 1 }, stage: 'draft', version: 1,
      createdAt: '2026-01-05T02:00:00.000Z', updatedAt: '2026-01-05T02:00:00.000Z', stageEnteredAt: '2026-01-05T02:00:00.000Z',
    });
    expect(s.content).not.toHaveProperty('decisionId');
  });

  it('does not mutate the state it is given', () => {
    const before = given(eventsTo('phan-cap', 'draft'));
    const copy = structuredClone(before);
    evolve(before, { type: 'DraftUpdated', data: { changes: { title: 'Mới' } } }, { occurredAt: '2026-02-01T00:00:00.000Z', version: 2 });
    expect(before).toEqual(copy);
  });

  it('keeps the stage clock when a reviewer is reassigned, restarts it on a new stage', () => {
    const s = given(eventsTo('phan-cap', 'in-appraisal'));
    const again = evolve(s, { type: 'ReviewerAssigned', data: { reviewerId: 'u-2' } }, { occurredAt: '2026-02-01T00:00:00.000Z', version: 4 });
    expect(again.stageEnteredAt).toBe(s.stageEnteredAt);
    expect(again.updatedAt).toBe('2026-02-01T00:00:00.000Z');
    const next = evolve(again, { type: 'RevisionRequested', data: { round: 1, reasons: ['x'] } }, { occurredAt: '2026-02-02T00:00:00.000Z', version: 5 });
    expect(next.stageEnteredAt).toBe('2026-02-02T00:00:00.000Z');
  });

  it('ignores undefined values in changes, so a stray undefined does not erase the period', () => {
    const s = given([...eventsTo('uy-quyen', 'draft'), { type: 'DraftUpdated', data: { changes: { period: undefined, title: 'T' } } }]);
    expect(s.content.period).toEqual({ from: '2026-04-01', to: '2026-12-31' });
    expect(s.content.title).toBe('T');
  });

  it('moves the end of an issued ủy quyền when an amendment changes its period', () => {
    const s = given([
      ...eventsTo('uy-quyen', 'issued'),
      { type: 'DecisionAmended', data: { amendment: 1, documentNumber: 'A', reason: 'gia hạn', effectiveFrom: '2026-06-01', changes: { period: { from: '2026-04-01', to: '2027-06-30' } } } },
    ]);
    expect(s.issuance?.effectiveTo).toBe('2027-06-30');
    expect(s.stage).toBe('issued');
  });

  it('follows the workflow the decision started under after a favourable appraisal', () => {
    expect(given(eventsTo('phan-cap', 'legal-appraisal')).stage).toBe('legal-appraisal');
    expect(given(eventsTo('uy-quyen', 'appraised')).stage).toBe('appraised');
    const unknown = { ...drafted('phan-cap') };
    (unknown.data as { workflow: { id: string; version: number } }).workflow = { id: 'phan-cap', version: 9 };
    const events = [unknown, ...eventsTo('phan-cap', 'legal-appraisal').slice(1)];
    expect(() => foldDecision(ID, events.map((event, i) => ({ event, occurredAt: 't', version: i + 1 })))).toThrow(/Unknown workflow/);
  });

  it('records rejection reasons from whichever step rejected', () => {
    expect(given(eventsTo('phan-cap', 'rejected')).rejectionReasons).toEqual(['Trùng thẩm quyền']);
  });
});
