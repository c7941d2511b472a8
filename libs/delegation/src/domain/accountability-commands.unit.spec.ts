import { describe, expect, it } from '@jest/globals';
import { cmd, decision, eventsTo, NOW } from '../testing/fixtures.js';
import type { DecisionEvent } from './events.js';
import { evolve } from './evolve.js';
import type { DecisionState } from './state.js';

const report = (period: string) =>
  cmd('file-report', { period, summary: 'Kết quả thực hiện quý', documents: [{ title: 'Báo cáo', reference: '12/BC-UBND' }] }, 'proposer');
const evaluation = (year: number) =>
  cmd('record-evaluation', { year, result: 'needs-adjustment', summary: 'Cần điều chỉnh', recommendations: ['Bổ sung biên chế'] }, 'reviewer');

/** Folds accountability facts (not commands) onto a state: findings are raised by the checks, not decided. */
function then(state: DecisionState, events: DecisionEvent[], occurredAt = NOW): DecisionState {
  return events.reduce((s, e) => evolve(s, e, { occurredAt, version: s.version + 1 }), state);
}

describe.each(['phan-cap', 'uy-quyen'] as const)('%s in effect: reports and evaluations', (kind) => {
  const inEffect = eventsTo(kind, 'issued');
  const issued = decision.given(inEffect);

  it('files a quarterly report, recorded without changing the stage or its clock', () => {
    const documents = [{ title: 'Báo cáo', reference: '12/BC-UBND' }];
    const after = issued
      .when(report('2026-Q2'))
      .then([{ type: 'ImplementationReportFiled', data: { period: '2026-Q2', summary: 'Kết quả thực hiện quý', documents } }])
      .thenState({ stage: 'issued', stageEnteredAt: issued.state.stageEnteredAt! });
    expect(after.reports).toEqual([{ period: '2026-Q2', summary: 'Kết quả thực hiện quý', filedAt: NOW, documents }]);
  });

  it('refuses a second report for the same quarter, but takes the next one', () => {
    const filed = decision.given([...inEffect, { type: 'ImplementationReportFiled', data: { period: '2026-Q2', summary: 's', documents: [] } }]);
    filed.when(report('2026-Q2')).thenRefuses('report-filed-once', { kind: 'rule-violated', field: 'period' });
    filed.when(report('2026-Q3')).thenAccepts();
  });

  it.each(['2026-Q5', '2026-Q0', '2026Q2', 'Q2-2026', '26-Q1', '2026-q2', ''])('refuses the period %j', (period) => {
    issued.when(report(period)).thenRefuses('report-period-format', { kind: 'rule-violated', field: 'period' });
  });

  it('records the yearly evaluation once per year', () => {
    const recorded: DecisionEvent = {
      type: 'EvaluationRecorded',
      data: { year: 2026, result: 'needs-adjustment', summary: 'Cần điều chỉnh', recommendations: ['Bổ sung biên chế'] },
    };
    const after = issued.when(evaluation(2026)).then([recorded]).thenState({ stageEnteredAt: issued.state.stageEnteredAt! });
    expect(after.evaluations).toEqual([{ year: 2026, result: 'needs-adjustment', summary: 'Cần điều chỉnh', recommendations: ['Bổ sung biên chế'], recordedAt: NOW }]);
    const evaluated = decision.given([...inEffect, recorded]);
    evaluated.when(evaluation(2026)).thenRefuses('evaluation-once-a-year', { field: 'year' });
    evaluated.when(evaluation(2027)).thenAccepts();
  });

  // A condition of its own, whatever the fixture set: the amendment adds it.
  const condition = 'Báo cáo kết quả thực hiện hằng quý';
  const withCondition = decision.given([...inEffect, {
    type: 'DecisionAmended', data: { amendment: 1, documentNumber: '200/QĐ-UBND', reason: 'Bổ sung điều kiện', effectiveFrom: '2026-05-01', changes: { conditions: [condition] } },
  }]);

  it('records the results against its own conditions, the resources used, the problems and a recommendation', () => {
    const details = {
      conditionResults: [{ condition, met: false, note: 'Chậm 2 kỳ' }], resourcesUsed: { budgetVnd: 900_000_000, staffPositions: 2 },
      problems: ['Thiếu biên chế'], recommendation: 'amend' as const,
    };
    const after = withCondition.when(cmd('record-evaluation', { year: 2026, result: 'needs-adjustment', summary: 'Cần điều chỉnh', ...details }, 'reviewer'))
      .then([{ type: 'EvaluationRecorded', data: { year: 2026, result: 'needs-adjustment', summary: 'Cần điều chỉnh', ...details } }]).thenState({});
    expect(after.evaluations[0]).toMatchObject({ ...details, recordedAt: NOW });
  });

  it('refuses results against a condition the decision does not set, or the same condition twice', () => {
    const evaluate = (conditionResults: Array<{ condition: string; met: boolean }>) =>
      cmd('record-evaluation', { year: 2026, result: 'effective', summary: 'Đạt', conditionResults }, 'reviewer');
    withCondition.when(evaluate([{ condition, met: true }])).thenAccepts();
    withCondition.when(evaluate([{ condition: 'Điều kiện không có trong quyết định', met: true }]))
      .thenRefuses('evaluation-against-conditions', { kind: 'rule-violated', field: 'conditionResults[0].condition' });
    withCondition.when(evaluate([{ condition, met: true }, { condition, met: false }]))
      .thenRefuses('evaluation-against-conditions', { field: 'conditionResults[1].condition' });
  });

  it.each([2026.5, 0, -1, Number.NaN])('refuses the year %p', (year) => {
    issued.when(evaluation(year)).thenRefuses('evaluation-once-a-year');
  });

  it('takes reports from the proposer only and evaluations from Sở Nội vụ reviewers only', () => {
    issued.when({ ...report('2026-Q2'), actor: { userId: 'u', role: 'reviewer', bodyId: 'so-noi-vu' } }).thenRefuses('role-not-allowed', { allowedRoles: ['proposer'] });
    issued.when({ ...evaluation(2026), actor: { userId: 'u', role: 'proposer', bodyId: 'x' } }).thenRefuses('role-not-allowed', { allowedRoles: ['reviewer', 'reviewer-lead'] });
  });

  it('refuses both before issuance and after the delegation ended', () => {
    for (const stage of ['approved', 'revoked'] as const) {
      const s = decision.given(eventsTo(kind, stage));
      s.when(report('2026-Q2')).thenRefuses('command-not-allowed-in-stage', { allowedStages: ['issued'] });
      s.when(evaluation(2026)).thenRefuses('command-not-allowed-in-stage');
    }
  });
});

describe('findings on the decision', () => {
  const issued = decision.given(eventsTo('phan-cap', 'issued')).state;
  const raised: DecisionEvent = {
    type: 'FindingRaised',
    data: {
      findingId: 'quarterly-report-due:report:2026-Q2',
      ruleId: 'quarterly-report-due',
      ruleVersion: 1,
      key: 'report:2026-Q2',
      severity: 'violation',
      message: { vi: 'Chưa nộp báo cáo', en: 'Report missing' },
      details: { quarter: '2026-Q2' },
    },
  };
  const resolved: DecisionEvent = {
    type: 'FindingResolved',
    data: { findingId: 'quarterly-report-due:report:2026-Q2', ruleId: 'quarterly-report-due', reason: { vi: 'Đã nộp', en: 'Filed' } },
  };

  it('starts with no findings, reports or evaluations', () => {
    expect(issued).toMatchObject({ findings: {}, reports: [], evaluations: [] });
  });

  it('opens a finding when raised and closes it when resolved, keeping the stage and its clock', () => {
    const open = then(issued, [raised], '2026-06-16T01:00:00.000Z');
    expect(open.findings['quarterly-report-due:report:2026-Q2']).toEqual({
      ...raised.data,
      open: true,
      raisedAt: '2026-06-16T01:00:00.000Z',
    });
    const closed = then(open, [resolved], '2026-06-20T01:00:00.000Z');
    expect(closed.findings['quarterly-report-due:report:2026-Q2']).toMatchObject({
      open: false,
      raisedAt: '2026-06-16T01:00:00.000Z',
      resolvedAt: '2026-06-20T01:00:00.000Z',
      resolution: { vi: 'Đã nộp', en: 'Filed' },
    });
    expect(closed.stage).toBe('issued');
    expect(closed.stageEnteredAt).toBe(issued.stageEnteredAt);
  });

  it('reopens a resolved finding raised again, and ignores the resolution of an unknown one', () => {
    const again = then(then(then(issued, [raised], 't1'), [resolved], 't2'), [raised], 't3');
    expect(again.findings['quarterly-report-due:report:2026-Q2']).toMatchObject({ open: true, raisedAt: 't3' });
    expect(again.findings['quarterly-report-due:report:2026-Q2']).not.toHaveProperty('resolvedAt');
    const unknown = then(issued, [resolved]);
    expect(unknown.findings).toEqual({});
  });
});
