import { describe, expect, it } from '@jest/globals';
import { cmd, decision, eventsTo } from '../testing/fixtures.js';
import { CONDITION_FIXED, DECISION_ENDED } from './deciders/findings.js';
import type { CheckedFinding } from './commands.js';

const finding = (ruleId: string, key: string): CheckedFinding => ({
  ruleId, ruleVersion: 1, key, severity: 'warning', message: { vi: `Phát hiện ${key}`, en: `Finding ${key}` },
});
const record = (found: CheckedFinding[], checkedRuleIds: string[]) => cmd('record-findings', { found, checkedRuleIds }, 'system');
const raised = (f: CheckedFinding) => ({
  type: 'FindingRaised' as const,
  data: { findingId: `${f.ruleId}:${f.key}`, ruleId: f.ruleId, ruleVersion: f.ruleVersion, key: f.key, severity: f.severity, message: f.message },
});

describe('record-findings: the checks write to the decision stream through its decider', () => {
  const issued = eventsTo('phan-cap', 'issued');

  it('raises what was found, in any stage, without moving the stage', () => {
    for (const stage of ['draft', 'submitted', 'in-appraisal', 'issued'] as const) {
      decision.given(eventsTo('phan-cap', stage)).when(record([finding('r', 'a')], ['r']))
        .then([raised(finding('r', 'a'))])
        .thenState({ stage });
    }
  });

  it('is reconciled against the state it is recorded on: a finding already open is not raised twice', () => {
    const open = [...issued, raised(finding('r', 'a'))];
    decision.given(open).when(record([finding('r', 'a')], ['r'])).then([]);
    decision.given(open).when(record([], ['r']))
      .then([{ type: 'FindingResolved', data: { findingId: 'r:a', ruleId: 'r', reason: CONDITION_FIXED } }]);
    // A rule that did not look again keeps its findings open.
    decision.given(open).when(record([], ['other-rule'])).then([]);
  });

  it('once the decision ended, resolves what is open and raises nothing', () => {
    const revoked = [...issued, raised(finding('r', 'a')), { type: 'DecisionRevoked' as const, data: { documentNumber: 'R/QĐ', reason: 'r', effectiveFrom: '2026-08-01' } }];
    decision.given(revoked).when(record([finding('r', 'b')], ['r']))
      .then([{ type: 'FindingResolved', data: { findingId: 'r:a', ruleId: 'r', reason: DECISION_ENDED } }]);
  });

  it('is the system’s own: no person may record findings, and a decision must exist', () => {
    for (const role of ['admin', 'auditor', 'reviewer'] as const) {
      expect(decision.given(issued).when(cmd('record-findings', { found: [], checkedRuleIds: [] }, role)).thenRefuses('role-not-allowed'))
        .toMatchObject({ command: 'record-findings', allowedRoles: ['system'] });
    }
    decision.given([]).when(record([finding('r', 'a')], ['r'])).thenRefuses('decision-not-found');
  });
});
