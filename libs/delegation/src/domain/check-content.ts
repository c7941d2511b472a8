import type { WorkflowDefinition } from '../workflows/definition.js';
import {
  checkAtLeastOnePower,
  checkDelegatorDiffersFromDelegate,
  checkLegalBasisCited,
  checkPeriodEndsAfterStart,
  checkResourcesAreWholeNumbers,
  checkResourcesGoWithDecentralisation,
  checkUyQuyenHasConditions,
  checkUyQuyenHasPeriod,
  type RuleViolation,
} from './rules/index.js';
import type { DecisionKind, ProposalContent } from './types.js';

/**
 * The content rules, run against the content a command would leave behind (propose, update-draft,
 * resubmit, amend), so a change can never make a valid proposal invalid. The first violation wins;
 * `prefix` names the field as the command spelled it ('' for propose, 'changes.' otherwise).
 */
export function checkContent(
  content: ProposalContent,
  kind: DecisionKind,
  workflow: WorkflowDefinition,
  prefix: string,
): RuleViolation | undefined {
  const checks: Array<(c: ProposalContent, p: string) => RuleViolation | undefined> = [
    checkDelegatorDiffersFromDelegate,
    checkAtLeastOnePower,
    ...(workflow.options.requiresPeriod ? [checkUyQuyenHasPeriod, checkUyQuyenHasConditions] : []),
    checkPeriodEndsAfterStart,
    checkResourcesAreWholeNumbers,
    ...(kind === 'phan-cap' ? [checkResourcesGoWithDecentralisation] : []),
    checkLegalBasisCited,
  ];
  for (const check of checks) {
    const v = check(content, prefix);
    if (v) return v;
  }
  return undefined;
}
