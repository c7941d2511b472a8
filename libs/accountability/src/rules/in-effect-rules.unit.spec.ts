import { describe, expect, it } from '@jest/globals';
import { CONDITION_FIXED, DECISION_ENDED } from '../reconcile.js';
import { apply, BODIES, checkAndRecord, context, decisionState, raiseThenFix } from '../testing/fixtures.js';
import { DELEGATE_BODY_REORGANISED } from './delegate-body-reorganised.js';
import { QUARTERLY_REPORT_DUE } from './quarterly-report-due.js';
import { TRANSITION_LAPSE_2027 } from './transition-lapse-2027.js';
import { UY_QUYEN_ENDING } from './uy-quyen-ending.js';
import { YEARLY_EVALUATION } from './yearly-evaluation.js';

const resolved = (ruleId: string, key: string, reason = CONDITION_FIXED) => ({
  type: 'FindingResolved',
  data: { findingId: `${ruleId}:${key}`, ruleId, reason },
});
const keysOf = (fs: Array<{ key: string }>) => fs.map((f) => f.key);

describe('quarterly-report-due', () => {
  const rule = QUARTERLY_REPORT_DUE;
  const issued = decisionState('phan-cap', 'issued'); // in effect from 2026-01-15
  const on = (today: string, d = issued) => context(d, { today });

  it('applies once issued', () => {
    expect(rule.appliesTo(issued)).toBe(true);
    expect(rule.appliesTo(decisionState('phan-cap', 'approved'))).toBe(false);
  });

  it('passes until the 15th of the last month of the quarter, and when the quarter is filed', () => {
    expect(rule.evaluate(on('2026-03-14'))).toEqual([]);
    const filed = apply(issued, [{ type: 'ImplementationReportFiled', data: { period: '2026-Q1', summary: 'Quý I', documents: [] } }]);
    expect(rule.evaluate(on('2026-04-20', filed))).toEqual([]);
    // In effect only after the Q1 reporting window closed (14/3): the first report owed is Q2's.
    expect(rule.evaluate(on('2026-04-20', decisionState('phan-cap', 'issued', { effectiveFrom: '2026-03-20' })))).toEqual([]);
  });

  it('finds each quarter not reported from its due date on', () => {
    expect(rule.evaluate(on('2026-03-15'))).toEqual([
      expect.objectContaining({
        key: 'report:2026-Q1',
        severity: 'violation',
        details: { period: '2026-Q1', dueBefore: '2026-03-15', window: { from: '2025-12-15', to: '2026-03-15' } },
        message: expect.objectContaining({ vi: 'Chưa nộp báo cáo kết quả thực hiện quý 1/2026 (hạn trước ngày 15/03/2026).' }),
      }),
    ]);
    expect(keysOf(rule.evaluate(on('2027-01-05')))).toEqual(['report:2026-Q1', 'report:2026-Q2', 'report:2026-Q3', 'report:2026-Q4']);
    // An ủy quyền that ended on 10/3 (not yet marked expired) owes Q1 only.
    const short = decisionState('uy-quyen', 'issued', { content: { period: { from: '2026-01-01', to: '2026-03-10' } } });
    expect(keysOf(rule.evaluate(on('2026-07-01', short)))).toEqual(['report:2026-Q1']);
  });

  it('resolves the quarter when its report is filed, late', () => {
    const { rerun } = raiseThenFix(rule, on('2026-04-20'), (s) =>
      on('2026-04-25', apply(s, [{ type: 'ImplementationReportFiled', data: { period: '2026-Q1', summary: 'Quý I (nộp muộn)', documents: [] } }])),
    );
    expect(rerun).toEqual([resolved(rule.id, 'report:2026-Q1')]);
  });
});

describe('yearly-evaluation', () => {
  const rule = YEARLY_EVALUATION;
  const since2025 = decisionState('phan-cap', 'issued', { effectiveFrom: '2025-05-01' });

  it('passes in the first year, and until 31 January of the next', () => {
    expect(rule.evaluate(context(decisionState('phan-cap', 'issued')))).toEqual([]);
    expect(rule.evaluate(context(since2025, { today: '2026-01-31' }))).toEqual([]);
  });

  it('finds each ended year in effect with no evaluation from 1 February', () => {
    expect(rule.evaluate(context(since2025, { today: '2026-02-01' }))).toEqual([
      expect.objectContaining({ key: 'evaluation:2025', severity: 'violation', details: { year: 2025, dueBy: '2026-01-31' } }),
    ]);
    const old = decisionState('phan-cap', 'issued', {
      effectiveFrom: '2023-06-01',
      then: [{ type: 'EvaluationRecorded', data: { year: 2024, result: 'effective', summary: 'Tốt' } }],
    });
    expect(keysOf(rule.evaluate(context(old, { today: '2026-02-01' })))).toEqual(['evaluation:2023', 'evaluation:2025']);
  });

  it('resolves when the evaluation is recorded', () => {
    const { rerun } = raiseThenFix(rule, context(since2025, { today: '2026-02-10' }), (s) =>
      context(apply(s, [{ type: 'EvaluationRecorded', data: { year: 2025, result: 'needs-adjustment', summary: 'Cần điều chỉnh' } }]), { today: '2026-02-12' }),
    );
    expect(rerun).toEqual([resolved(rule.id, 'evaluation:2025')]);
  });
});

describe('uy-quyen-ending', () => {
  const rule = UY_QUYEN_ENDING;
  const issued = decisionState('uy-quyen', 'issued'); // period ends 2026-12-31

  it('applies to issued ủy quyền only', () => {
    expect(rule.appliesTo(issued)).toBe(true);
    expect(rule.appliesTo(decisionState('phan-cap', 'issued'))).toBe(false);
    expect(rule.appliesTo(decisionState('uy-quyen', 'expired'))).toBe(false);
  });

  it('passes while the end is further than the warning days', () => {
    expect(rule.evaluate(context(issued))).toEqual([]);
    expect(rule.evaluate(context(issued, { today: '2026-11-30' }))).toEqual([]);
  });

  it('notes the coming end (info), then the missing expiry (warning)', () => {
    expect(rule.evaluate(context(issued, { today: '2026-12-01' }))).toEqual([
      expect.objectContaining({ key: 'ending', severity: 'info', details: { periodEnd: '2026-12-31', daysLeft: 30 } }),
    ]);
    expect(rule.evaluate(context(issued, { today: '2026-12-31' }))[0]).toMatchObject({ key: 'ending', details: { daysLeft: 0 } });
    expect(rule.evaluate(context(issued, { today: '2027-01-01' }))).toEqual([
      expect.objectContaining({ key: 'overdue-expiry', severity: 'warning', details: { periodEnd: '2026-12-31', daysPast: 1 } }),
    ]);
  });

  it('resolves "ending" when the period is extended, and "overdue-expiry" once it is expired', () => {
    const extended = raiseThenFix(rule, context(issued, { today: '2026-12-10' }), (s) =>
      context(
        apply(s, [{ type: 'DecisionAmended', data: { amendment: 1, documentNumber: '40/2026/QĐ-UBND', reason: 'Gia hạn', effectiveFrom: '2026-12-15', changes: { period: { from: '2026-01-01', to: '2027-06-30' } } } }]),
        { today: '2026-12-15' },
      ),
    );
    expect(extended.rerun).toEqual([resolved(rule.id, 'ending')]);

    const overdue = checkAndRecord(context(issued, { today: '2027-01-02' }), [rule]);
    expect(overdue.events).toEqual([expect.objectContaining({ type: 'FindingRaised', data: expect.objectContaining({ findingId: 'uy-quyen-ending:overdue-expiry' }) })]);
    const expired = apply(overdue.state, [{ type: 'DelegationExpired', data: { expiredOn: '2026-12-31' } }]);
    expect(checkAndRecord(context(expired, { today: '2027-01-02' }), [rule]).events).toEqual([resolved(rule.id, 'overdue-expiry', DECISION_ENDED)]);
  });
});

describe('delegate-body-reorganised', () => {
  const rule = DELEGATE_BODY_REORGANISED;
  const toMerged = decisionState('phan-cap', 'issued', { content: { delegateBodyId: 'ubnd-xa-an-truong' }, effectiveFrom: '2024-05-01' });

  it('passes while both bodies are active, or their end is still ahead', () => {
    expect(rule.evaluate(context(decisionState('phan-cap', 'issued')))).toEqual([]);
    const later = { ...BODIES, 'ubnd-xa-an-truong': { ...BODIES['ubnd-xa-an-truong']!, endedOn: '2026-07-01' } };
    expect(rule.evaluate(context(toMerged, { bodies: later }))).toEqual([]);
  });

  it('finds a merged delegate and an abolished delegator, naming the successor', () => {
    const [f] = rule.evaluate(context(toMerged));
    expect(f).toMatchObject({ key: 'reorganised:ubnd-xa-an-truong', severity: 'violation', details: { role: 'delegate', status: 'merged', successorId: 'ubnd-xa-hoa-thuan' } });
    expect(f!.message.vi).toBe(
      'Cơ quan được giao "UBND xã An Trường" đã sáp nhập từ ngày 2025-07-01; cần sửa đổi quyết định để giao lại nhiệm vụ, quyền hạn cho UBND xã Hòa Thuận.',
    );
    const fromDistrict = decisionState('phan-cap', 'issued', { content: { delegatorBodyId: 'ubnd-huyen-cang-long' }, effectiveFrom: '2024-05-01' });
    expect(rule.evaluate(context(fromDistrict))).toEqual([expect.objectContaining({ key: 'reorganised:ubnd-huyen-cang-long', details: expect.objectContaining({ role: 'delegator', status: 'abolished' }) })]);
  });

  it('resolves when the decision is amended to the successor', () => {
    const { rerun } = raiseThenFix(rule, context(toMerged), (s) =>
      context(apply(s, [{ type: 'DecisionAmended', data: { amendment: 1, documentNumber: '41/2026/QĐ-UBND', reason: 'Giao lại sau sắp xếp', effectiveFrom: '2026-05-01', changes: { delegateBodyId: 'ubnd-xa-hoa-thuan' } } }])),
    );
    expect(rerun).toEqual([resolved(rule.id, 'reorganised:ubnd-xa-an-truong')]);
  });
});

describe('transition-lapse-2027', () => {
  const rule = TRANSITION_LAPSE_2027;
  const interim = decisionState('phan-cap', 'issued', { effectiveFrom: '2025-03-01', signedOn: '2025-02-20' });

  it('passes delegations made under two-level government, those ending before 1/3/2027, and far from the date', () => {
    expect(rule.evaluate(context(interim))).toEqual([]);
    expect(rule.evaluate(context(decisionState('phan-cap', 'issued', { effectiveFrom: '2025-07-01' }), { today: '2027-03-05' }))).toEqual([]);
    const shortUq = decisionState('uy-quyen', 'issued', { content: { period: { from: '2025-03-01', to: '2027-02-28' } } });
    expect(rule.evaluate(context(shortUq, { today: '2027-02-01' }))).toEqual([]);
  });

  it('warns from transitionWarningDays before 1/3/2027 and finds a violation from that day', () => {
    expect(rule.evaluate(context(interim, { today: '2026-11-30' }))).toEqual([]);
    expect(rule.evaluate(context(interim, { today: '2026-12-01' }))).toEqual([expect.objectContaining({ key: 'lapse-approaching', severity: 'warning' })]);
    expect(rule.evaluate(context(interim, { today: '2027-03-01' }))).toEqual([expect.objectContaining({ key: 'lapsed', severity: 'violation' })]);
  });

  it('moves from warning to violation, and resolves when replaced (revoked)', () => {
    const warned = checkAndRecord(context(interim, { today: '2026-12-10' }), [rule]);
    const lapsed = checkAndRecord(context(warned.state, { today: '2027-03-01' }), [rule]);
    expect(lapsed.events.map((e) => [e.type, (e.data as { findingId: string }).findingId])).toEqual([
      ['FindingResolved', 'transition-lapse-2027:lapse-approaching'],
      ['FindingRaised', 'transition-lapse-2027:lapsed'],
    ]);
    const revoked = apply(lapsed.state, [{ type: 'DecisionRevoked', data: { documentNumber: '5/2027/QĐ-UBND', reason: 'Thay thế', effectiveFrom: '2027-03-02' } }]);
    expect(checkAndRecord(context(revoked, { today: '2027-03-02' }), [rule]).events).toEqual([resolved(rule.id, 'lapsed', DECISION_ENDED)]);
  });
});
