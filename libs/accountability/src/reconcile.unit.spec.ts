import { describe, expect, it } from '@jest/globals';
import { CONDITION_FIXED, DECISION_ENDED, reconcileFindings } from './reconcile.js';
import { ACCOUNTABILITY_RULES, runChecks } from './rules/index.js';
import { apply, checkAndRecord, context, decisionState, other } from './testing/fixtures.js';
import type { Finding } from './domain/types.js';

const f = (ruleId: string, key: string, severity: Finding['severity'] = 'violation'): Finding => ({
  ruleId,
  ruleVersion: 1,
  key,
  severity,
  message: { vi: `Phát hiện ${key}`, en: `Found ${key}` },
});

describe('reconcileFindings', () => {
  const issued = decisionState('phan-cap', 'issued');

  it('raises new findings in findingId order, with the findingId "<ruleId>:<key>"', () => {
    const events = reconcileFindings(issued, [f('b-rule', 'x'), { ...f('a-rule', 'y'), details: { n: 1 } }], ['a-rule', 'b-rule']);
    expect(events).toEqual([
      { type: 'FindingRaised', data: { findingId: 'a-rule:y', ruleId: 'a-rule', ruleVersion: 1, key: 'y', severity: 'violation', message: { vi: 'Phát hiện y', en: 'Found y' }, details: { n: 1 } } },
      { type: 'FindingRaised', data: { findingId: 'b-rule:x', ruleId: 'b-rule', ruleVersion: 1, key: 'x', severity: 'violation', message: { vi: 'Phát hiện x', en: 'Found x' } } },
    ]);
  });

  it('raises a finding found twice once', () => {
    expect(reconcileFindings(issued, [f('r', 'k'), f('r', 'k', 'info')], ['r'])).toHaveLength(1);
  });

  it('is idempotent: applying its output and running again yields nothing', () => {
    const found = [f('r1', 'a'), f('r1', 'b'), f('r2', 'c')];
    const first = reconcileFindings(issued, found, ['r1', 'r2']);
    const state = apply(issued, first);
    expect(reconcileFindings(state, found, ['r1', 'r2'])).toEqual([]);
    // Then one goes away: resolved once, then nothing again.
    const second = reconcileFindings(state, found.slice(1), ['r1', 'r2']);
    expect(second).toEqual([{ type: 'FindingResolved', data: { findingId: 'r1:a', ruleId: 'r1', reason: CONDITION_FIXED } }]);
    expect(reconcileFindings(apply(state, second), found.slice(1), ['r1', 'r2'])).toEqual([]);
  });

  it('is idempotent over the whole catalogue on a decision with many findings', () => {
    const messy = decisionState('uy-quyen', 'issued', {
      content: { delegateBodyId: 'ubnd-xa-an-truong', legalBasis: ['Luật số 77/2015/QH13'], powerIds: ['xay-dung.cap-phep', 'quy-hoach.phe-duyet'] },
      effectiveFrom: '2026-01-01',
    });
    const ctx = context(messy, {
      today: '2027-02-15',
      others: [other('o-1'), other('o-2', { kind: 'uy-quyen', delegatorBodyId: 'ubnd-xa-an-truong', delegateBodyId: 'ubnd-xa-hoa-thuan' })],
      delegateRecord: { stagesFinished: 2, stagesLate: 2, reportsDue: 0, reportsLate: 0 },
    });
    const first = checkAndRecord(ctx, ACCOUNTABILITY_RULES);
    expect(first.events.length).toBeGreaterThan(8);
    expect(first.events.every((e) => e.type === 'FindingRaised')).toBe(true);
    const again = runChecks({ ...ctx, decision: first.state });
    expect(reconcileFindings(first.state, again.findings, again.checkedRuleIds)).toEqual([]);
    expect(Object.values(first.state.findings).every((x) => x.open && x.raisedAt === ctx.now)).toBe(true);
  });

  it('resolves only findings of rules checked now; others stay open', () => {
    const state = apply(issued, reconcileFindings(issued, [f('r1', 'a'), f('r2', 'b')], ['r1', 'r2']));
    expect(reconcileFindings(state, [], ['r2'])).toEqual([{ type: 'FindingResolved', data: { findingId: 'r2:b', ruleId: 'r2', reason: CONDITION_FIXED } }]);
  });

  it('puts resolutions before raisings, and raises again a finding resolved earlier', () => {
    const state = apply(issued, reconcileFindings(issued, [f('r', 'b')], ['r']));
    expect(reconcileFindings(state, [f('r', 'a')], ['r']).map((e) => e.type)).toEqual(['FindingResolved', 'FindingRaised']);
    const closed = apply(state, reconcileFindings(state, [], ['r']));
    expect(closed.findings['r:b']?.open).toBe(false);
    expect(reconcileFindings(closed, [f('r', 'b')], ['r'])).toEqual([expect.objectContaining({ type: 'FindingRaised', data: expect.objectContaining({ findingId: 'r:b' }) })]);
  });

  it('once the decision has ended, resolves every open finding and raises none', () => {
    const state = apply(issued, reconcileFindings(issued, [f('r1', 'a'), f('r2', 'b')], ['r1', 'r2']));
    const revoked = apply(state, [{ type: 'DecisionRevoked', data: { documentNumber: '9/QĐ', reason: 'Thu hồi', effectiveFrom: '2026-05-01' } }]);
    const events = reconcileFindings(revoked, [f('r3', 'c')], []);
    expect(events).toEqual([
      { type: 'FindingResolved', data: { findingId: 'r1:a', ruleId: 'r1', reason: DECISION_ENDED } },
      { type: 'FindingResolved', data: { findingId: 'r2:b', ruleId: 'r2', reason: DECISION_ENDED } },
    ]);
    expect(reconcileFindings(apply(revoked, events), [], [])).toEqual([]);
  });

  it('does not change the state it is given', () => {
    const copy = structuredClone(issued);
    reconcileFindings(issued, [f('r', 'a')], ['r']);
    expect(issued).toEqual(copy);
  });
});
