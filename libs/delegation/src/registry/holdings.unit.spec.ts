import { describe, expect, it } from '@jest/globals';
import type { DecisionEvent } from '../domain/events.js';
import { holdingsOf, nextDay } from './holdings.js';

const drafted = (kind: 'phan-cap' | 'uy-quyen', period?: { from: string; to: string }): DecisionEvent => ({
  type: 'ProposalDrafted',
  data: {
    decisionId: 'd1', kind, proposerBodyId: 'b', workflow: { id: kind, version: 1 }, title: 't',
    delegatorBodyId: 'ubnd', delegateBodyId: 'so', powerIds: ['P1', 'P2'], sector: 'dat-dai', legalBasis: ['x'],
    resources: { budgetVnd: 0, staffPositions: 0, facilities: [] }, period, conditions: [], justification: 'j', documents: [],
  },
});
const issued = (effectiveFrom: string): DecisionEvent => ({
  type: 'DecisionIssued', data: { documentNumber: '1/QĐ', signer: 's', signedOn: effectiveFrom, effectiveFrom },
});

describe('holdingsOf (the registry intervals of one decision)', () => {
  it('gives nothing before issuance', () => {
    expect(holdingsOf([drafted('phan-cap')])).toEqual([]);
  });

  it('opens an open-ended interval per power at issuance of a phân cấp', () => {
    const h = holdingsOf([drafted('phan-cap'), issued('2026-01-01')]);
    expect(h.map((x) => [x.powerId, x.holderBodyId, x.validFrom, x.validTo])).toEqual([
      ['P1', 'so', '2026-01-01', null],
      ['P2', 'so', '2026-01-01', null],
    ]);
  });

  it('bounds an ủy quyền by its period, the last day included', () => {
    const h = holdingsOf([drafted('uy-quyen', { from: '2026-01-01', to: '2026-12-31' }), issued('2026-01-01')]);
    expect(h[0].validTo).toBe('2027-01-01');
  });

  it('splits at an amendment that changes the delegate, and closes at revocation', () => {
    const h = holdingsOf([
      drafted('phan-cap'),
      issued('2026-01-01'),
      { type: 'DecisionAmended', data: { amendment: 1, documentNumber: '2', reason: 'r', effectiveFrom: '2026-07-01', changes: { delegateBodyId: 'xa', powerIds: ['P1'] } } },
      { type: 'DecisionRevoked', data: { documentNumber: '3', reason: 'r', effectiveFrom: '2027-01-01' } },
    ]);
    expect(h.map((x) => [x.powerId, x.holderBodyId, x.validFrom, x.validTo])).toEqual([
      ['P1', 'so', '2026-01-01', '2026-07-01'],
      ['P2', 'so', '2026-01-01', '2026-07-01'],
      ['P1', 'xa', '2026-07-01', '2027-01-01'],
    ]);
  });

  it('splits at a re-assignment to the successor of an abolished body, like an amendment', () => {
    const h = holdingsOf([
      drafted('uy-quyen', { from: '2025-01-01', to: '2026-12-31' }),
      issued('2025-01-01'),
      { type: 'DecisionReassigned', data: { fromBodyId: 'so', toBodyId: 'xa', side: 'delegate', effectiveFrom: '2025-07-01', documentNumber: '9/QĐ', reason: 'r' } },
    ]);
    expect(h.map((x) => [x.powerId, x.holderBodyId, x.delegatorBodyId, x.validFrom, x.validTo])).toEqual([
      ['P1', 'so', 'ubnd', '2025-01-01', '2025-07-01'],
      ['P2', 'so', 'ubnd', '2025-01-01', '2025-07-01'],
      ['P1', 'xa', 'ubnd', '2025-07-01', '2027-01-01'],
      ['P2', 'xa', 'ubnd', '2025-07-01', '2027-01-01'],
    ]);
    const delegator = holdingsOf([
      drafted('phan-cap'),
      issued('2025-01-01'),
      { type: 'DecisionReassigned', data: { fromBodyId: 'ubnd', toBodyId: 'ubnd-moi', side: 'delegator', effectiveFrom: '2025-07-01', documentNumber: '9/QĐ', reason: 'r' } },
    ]);
    expect(delegator.filter((x) => x.powerId === 'P1').map((x) => [x.holderBodyId, x.delegatorBodyId, x.validFrom, x.validTo])).toEqual([
      ['so', 'ubnd', '2025-01-01', '2025-07-01'],
      ['so', 'ubnd-moi', '2025-07-01', null],
    ]);
  });

  it('counts the next day across month and year ends', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
