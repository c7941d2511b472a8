import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { AT_MOST_TWO_LEVELS } from './at-most-two-levels.js';
import { COUNCIL_APPROVAL_BEFORE_ISSUANCE } from './council-approval-before-issuance.js';
import { DELEGATE_BODY_REORGANISED } from './delegate-body-reorganised.js';
import { DELEGATE_CAPACITY } from './delegate-capacity.js';
import { LEGAL_BASIS_IN_FORCE } from './legal-basis-in-force.js';
import { NO_PASS_ON } from './no-pass-on.js';
import { ONE_POWER_ONE_HOLDER } from './one-power-one-holder.js';
import { PERMITTED_PAIR_AND_DELEGABLE } from './permitted-pair-and-delegable.js';
import { QUARTERLY_REPORT_DUE } from './quarterly-report-due.js';
import { RESOURCES_GO_WITH_PHAN_CAP } from './resources-go-with-phan-cap.js';
import { TRANSITION_LAPSE_2027 } from './transition-lapse-2027.js';
import { UY_QUYEN_ENDING } from './uy-quyen-ending.js';
import { UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN } from './uy-quyen-period-conditions-no-chain.js';
import { YEARLY_EVALUATION } from './yearly-evaluation.js';

export * from './at-most-two-levels.js';
export * from './council-approval-before-issuance.js';
export * from './delegate-body-reorganised.js';
export * from './delegate-capacity.js';
export * from './legal-basis-in-force.js';
export * from './no-pass-on.js';
export * from './one-power-one-holder.js';
export * from './permitted-pair-and-delegable.js';
export * from './quarterly-report-due.js';
export * from './resources-go-with-phan-cap.js';
export * from './transition-lapse-2027.js';
export * from './uy-quyen-ending.js';
export * from './uy-quyen-period-conditions-no-chain.js';
export * from './yearly-evaluation.js';

/** Every accountability check, in catalogue order: structure, content, then life in effect. */
export const ACCOUNTABILITY_RULES: readonly AccountabilityRule[] = [
  AT_MOST_TWO_LEVELS,
  ONE_POWER_ONE_HOLDER,
  PERMITTED_PAIR_AND_DELEGABLE,
  NO_PASS_ON,
  RESOURCES_GO_WITH_PHAN_CAP,
  DELEGATE_CAPACITY,
  LEGAL_BASIS_IN_FORCE,
  UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN,
  COUNCIL_APPROVAL_BEFORE_ISSUANCE,
  QUARTERLY_REPORT_DUE,
  YEARLY_EVALUATION,
  UY_QUYEN_ENDING,
  DELEGATE_BODY_REORGANISED,
  TRANSITION_LAPSE_2027,
];

export function findAccountabilityRule(id: string): AccountabilityRule | undefined {
  return ACCOUNTABILITY_RULES.find((r) => r.id === id);
}

/**
 * Runs every rule that applies to the decision in its stage. `checkedRuleIds` lists those rules, so
 * reconcileFindings resolves only findings of rules that looked again. A finding repeated under the same
 * (rule, key) is kept once. Pure: the context carries the date.
 */
export function runChecks(
  ctx: CheckContext,
  rules: readonly AccountabilityRule[] = ACCOUNTABILITY_RULES,
): { findings: Finding[]; checkedRuleIds: string[] } {
  const applicable = rules.filter((r) => r.appliesTo(ctx.decision));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const rule of applicable) {
    for (const f of rule.evaluate(ctx)) {
      const id = `${f.ruleId}:${f.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      findings.push(f);
    }
  }
  return { findings, checkedRuleIds: applicable.map((r) => r.id) };
}
