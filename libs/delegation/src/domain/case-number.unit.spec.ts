import { describe, expect, it } from '@jest/globals';
import { cmd, validData } from '../testing/fixtures.js';
import { caseNumberSequence, formatCaseNumber } from './case-number.js';
import { decisionDecider } from './decider.js';
import { evolve } from './evolve.js';
import { initialDecisionState } from './initial-state.js';
import { upcast } from './upcasters.js';

describe('case numbers', () => {
  it('read PC-2026-0012 / UQ-2026-0003: kind, year, the number padded to four digits', () => {
    expect(formatCaseNumber('phan-cap', 2026, 12)).toBe('PC-2026-0012');
    expect(formatCaseNumber('uy-quyen', 2026, 3)).toBe('UQ-2026-0003');
    expect(formatCaseNumber('uy-quyen', 2027, 12345)).toBe('UQ-2027-12345');
    expect(caseNumberSequence('tv', 'phan-cap', 2026)).toBe('case-number:tv:phan-cap:2026');
  });

  it('come in with the proposal, are recorded in ProposalDrafted and folded into the state (not into the content)', () => {
    const decided = decisionDecider.decide(cmd('propose', { ...validData('propose', 'phan-cap'), caseNumber: 'PC-2026-0007' }, 'proposer'), initialDecisionState('d-1'));
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    expect(decided.events[0].data).toMatchObject({ caseNumber: 'PC-2026-0007' });
    const state = evolve(initialDecisionState('d-1'), decided.events[0], { version: 1, occurredAt: '2026-04-20T03:00:00.000Z' });
    expect(state.caseNumber).toBe('PC-2026-0007');
    expect(state.content).not.toHaveProperty('caseNumber');
  });

  it('are absent from a stored v1 ProposalDrafted, which reads as v2 unchanged', () => {
    const stored = { decisionId: 'd-1', kind: 'uy-quyen', title: 'Ủy quyền' };
    expect(upcast('ProposalDrafted', 1, stored)).toEqual({ schemaVersion: 2, data: stored });
  });
});
