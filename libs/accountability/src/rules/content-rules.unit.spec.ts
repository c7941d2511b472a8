import { describe, expect, it } from '@jest/globals';
import type { DecisionEvent, ProposalContent } from '@app/delegation';
import { CONDITION_FIXED } from '../reconcile.js';
import { apply, context, decisionState, other, raiseThenFix } from '../testing/fixtures.js';
import { COUNCIL_APPROVAL_BEFORE_ISSUANCE } from './council-approval-before-issuance.js';
import { DELEGATE_CAPACITY } from './delegate-capacity.js';
import { cites, LEGAL_BASIS_IN_FORCE } from './legal-basis-in-force.js';
import { RESOURCES_GO_WITH_PHAN_CAP } from './resources-go-with-phan-cap.js';
import { UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN } from './uy-quyen-period-conditions-no-chain.js';

const resolvedOnly = (ruleId: string, ...keys: string[]) =>
  keys.map((key) => ({ type: 'FindingResolved', data: { findingId: `${ruleId}:${key}`, ruleId, reason: CONDITION_FIXED } }));

/** A proposal sent back for revision, then resubmitted with these changes. */
const revise = (changes: Partial<ProposalContent>): DecisionEvent[] => [
  { type: 'RevisionRequested', data: { round: 1, reasons: ['Bổ sung'] } },
  { type: 'ProposalResubmitted', data: { round: 1, changes, response: 'Đã bổ sung' } },
];

describe('resources-go-with-phan-cap', () => {
  const rule = RESOURCES_GO_WITH_PHAN_CAP;
  const none = { budgetVnd: 0, staffPositions: 0, facilities: [' '] };
  const unfunded = decisionState('phan-cap', 'in-appraisal', { content: { resources: none } });

  it('applies to phân cấp from submission on only', () => {
    expect(rule.appliesTo(unfunded)).toBe(true);
    expect(rule.appliesTo(decisionState('phan-cap', 'draft'))).toBe(false);
    expect(rule.appliesTo(decisionState('uy-quyen', 'in-appraisal', { content: { resources: none } }))).toBe(false);
  });

  it('passes with budget, staff, facilities or a stated reason', () => {
    for (const resources of [
      { budgetVnd: 1, staffPositions: 0, facilities: [] },
      { budgetVnd: 0, staffPositions: 1, facilities: [] },
      { budgetVnd: 0, staffPositions: 0, facilities: ['Trụ sở một cửa'] },
      { ...none, noResourcesReason: 'UBND xã tự bảo đảm, đã đề nghị nhận nhiệm vụ' },
    ])
      expect(rule.evaluate(context(decisionState('phan-cap', 'submitted', { content: { resources } })))).toEqual([]);
  });

  it('finds a phân cấp with no resources and no reason', () => {
    expect(rule.evaluate(context(unfunded))).toEqual([
      { ruleId: rule.id, ruleVersion: 1, key: 'resources', severity: 'violation', message: rule.message, details: { budgetVnd: 0, staffPositions: 0, facilities: [' '] } },
    ]);
  });

  it('resolves when the resubmission transfers staff', () => {
    const { rerun } = raiseThenFix(rule, context(unfunded), (s) =>
      context(apply(s, revise({ resources: { budgetVnd: 0, staffPositions: 2, facilities: [] } }))),
    );
    expect(rerun).toEqual(resolvedOnly(rule.id, 'resources'));
  });
});

describe('delegate-capacity', () => {
  const rule = DELEGATE_CAPACITY;
  const d = decisionState('uy-quyen', 'appraised');
  const record = (stagesFinished: number, stagesLate: number, reportsDue: number, reportsLate: number) => ({
    delegateRecord: { stagesFinished, stagesLate, reportsDue, reportsLate },
  });

  it('passes with no record, or a late share at or under the threshold', () => {
    expect(rule.evaluate(context(d))).toEqual([]);
    expect(rule.evaluate(context(d, record(6, 2, 4, 1)))).toEqual([]); // 3/10 = threshold
  });

  it('finds a delegate late on more than the threshold', () => {
    expect(rule.evaluate(context(d, record(6, 3, 4, 1)))).toEqual([
      expect.objectContaining({ key: 'capacity', severity: 'warning', details: expect.objectContaining({ ratio: 0.4, threshold: 0.3 }) }),
    ]);
    expect(rule.evaluate(context(d, { ...record(6, 2, 4, 1), settings: { capacityThreshold: 0.2, expiryWarningDays: 30, transitionWarningDays: 90 } }))).toHaveLength(1);
  });

  it('resolves when the record improves', () => {
    const { rerun } = raiseThenFix(rule, context(d, record(6, 3, 4, 1)), (s) => context(s, record(20, 3, 8, 1)));
    expect(rerun).toEqual(resolvedOnly(rule.id, 'capacity'));
  });
});

describe('legal-basis-in-force', () => {
  const rule = LEGAL_BASIS_IN_FORCE;
  const citing = (legalBasis: string[], stage: 'submitted' | 'in-appraisal' = 'submitted', effectiveFrom?: string) =>
    decisionState('phan-cap', stage, { content: { legalBasis }, ...(effectiveFrom && { effectiveFrom }) });

  it('matches a document number as a whole token, ignoring case and spaces around slashes', () => {
    expect(cites('Luật số 72/2025/QH15, Điều 13', '72/2025/QH15')).toBe(true);
    expect(cites('Luật số 72 / 2025 / qh15', '72/2025/QH15')).toBe(true);
    expect(cites('Luật số 72/2025/QH15', '2/2025/QH15')).toBe(false);
    expect(cites('Luật số 72/2025/QH150', '72/2025/QH15')).toBe(false);
  });

  it('passes a basis in force on the effective date, even if replaced since', () => {
    expect(rule.evaluate(context(citing(['Luật số 72/2025/QH15', 'Nghị quyết 04/NQ-CP', 'Quyết định không có trong danh mục'])))).toEqual([]);
    const old = decisionState('phan-cap', 'issued', { content: { legalBasis: ['Luật số 77/2015/QH13'] }, effectiveFrom: '2024-05-01' });
    expect(rule.evaluate(context(old))).toEqual([]);
  });

  it('finds a missing basis, and a cited document not in force on the date the decision takes effect', () => {
    expect(rule.evaluate(context(citing([' '])))).toEqual([expect.objectContaining({ key: 'legal-basis:missing', severity: 'violation' })]);
    const found = rule.evaluate(context(citing(['Luật Tổ chức chính quyền địa phương số 77/2015/QH13', 'Luật số 65/2025/QH15'])));
    expect(found.map((f) => f.key)).toEqual(['legal-basis:65/2025/QH15', 'legal-basis:77/2015/QH13']);
    expect(found[1]!.details).toMatchObject({ on: '2026-04-20', inForceUntil: '2025-03-01' });
    // A proposed ủy quyền is judged on its period's start.
    const uq = decisionState('uy-quyen', 'submitted', { content: { legalBasis: ['Luật 72/2025/QH15'], period: { from: '2025-06-01', to: '2025-12-31' } } });
    expect(rule.evaluate(context(uq)).map((f) => f.key)).toEqual(['legal-basis:72/2025/QH15']);
  });

  it('resolves when the resubmission cites the law in force', () => {
    const { raised, rerun } = raiseThenFix(rule, context(citing(['Luật số 77/2015/QH13'], 'in-appraisal')), (s) =>
      context(apply(s, revise({ legalBasis: ['Luật số 72/2025/QH15, Điều 13'] }))),
    );
    expect(raised).toHaveLength(1);
    expect(rerun).toEqual(resolvedOnly(rule.id, 'legal-basis:77/2015/QH13'));
  });
});

describe('uy-quyen-period-conditions-no-chain', () => {
  const rule = UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN;
  const bare = decisionState('uy-quyen', 'in-appraisal', { content: { period: undefined, conditions: [''] } });
  const issued = decisionState('uy-quyen', 'issued');
  // Sở Xây dựng, authorised by UBND tỉnh, authorises a centre in turn.
  const onward = other('o-3', { kind: 'uy-quyen', delegatorBodyId: 'so-xay-dung', delegateBodyId: 'ttpt-quy-dat', validFrom: '2026-03-01', validTo: '2026-07-01' });

  it('applies to ủy quyền only', () => {
    expect(rule.appliesTo(issued)).toBe(true);
    expect(rule.appliesTo(decisionState('phan-cap', 'issued'))).toBe(false);
  });

  it('passes an authorisation with period and conditions that nobody passes on', () => {
    expect(rule.evaluate(context(issued))).toEqual([]);
    expect(rule.evaluate(context(issued, { others: [{ ...onward, powerIds: ['dat-dai.dang-ky'] }, { ...onward, id: 'o-4', kind: 'phan-cap' }] }))).toEqual([]);
    expect(rule.evaluate(context(issued, { others: [{ ...onward, validFrom: '2027-01-01', validTo: null }] }))).toEqual([]);
  });

  it('finds a missing period, missing conditions and an onward authorisation', () => {
    expect(rule.evaluate(context(bare)).map((f) => f.key)).toEqual(['period', 'conditions']);
    expect(rule.evaluate(context(issued, { others: [onward] }))).toEqual([
      expect.objectContaining({ key: 'chain:o-3', severity: 'violation', details: expect.objectContaining({ onwardDelegateBodyId: 'ttpt-quy-dat', powerIds: ['xay-dung.cap-phep'] }) }),
    ]);
  });

  it('resolves when the resubmission states period and conditions, and when the onward authorisation is gone', () => {
    const fixed = raiseThenFix(rule, context(bare), (s) =>
      context(apply(s, revise({ period: { from: '2026-06-01', to: '2026-12-31' }, conditions: ['Báo cáo hằng quý'] }))),
    );
    expect(fixed.rerun).toEqual(resolvedOnly(rule.id, 'conditions', 'period'));
    const chain = raiseThenFix(rule, context(issued, { others: [onward] }), (s) => context(s, { others: [] }));
    expect(chain.rerun).toEqual(resolvedOnly(rule.id, 'chain:o-3'));
  });
});

describe('council-approval-before-issuance', () => {
  const rule = COUNCIL_APPROVAL_BEFORE_ISSUANCE;
  const issued = decisionState('phan-cap', 'issued');

  it('applies to issued phân cấp only', () => {
    expect(rule.appliesTo(issued)).toBe(true);
    expect(rule.appliesTo(decisionState('phan-cap', 'approved'))).toBe(false);
    expect(rule.appliesTo(decisionState('uy-quyen', 'issued'))).toBe(false);
  });

  it('passes an issued phân cấp approved by HĐND before signing', () => {
    expect(rule.evaluate(context(issued))).toEqual([]);
  });

  it('finds an issued phân cấp with no approving vote, or a vote after signing (e.g. imported records)', () => {
    const { councilVote: _vote, ...noVote } = issued;
    expect(rule.evaluate(context(noVote))).toEqual([expect.objectContaining({ key: 'council-approval', severity: 'violation', details: { vote: null } })]);
    const late = { ...issued, councilVote: { ...issued.councilVote!, sessionDate: '2026-02-01' } };
    expect(rule.evaluate(context(late))).toEqual([expect.objectContaining({ key: 'council-approval', details: { sessionDate: '2026-02-01', signedOn: '2026-01-10' } })]);
  });

  it('resolves when the approving resolution is recorded', () => {
    const { councilVote, ...noVote } = issued;
    const { rerun } = raiseThenFix(rule, context(noVote), (s) => context({ ...s, councilVote: councilVote! }));
    expect(rerun).toEqual(resolvedOnly(rule.id, 'council-approval'));
  });
});
