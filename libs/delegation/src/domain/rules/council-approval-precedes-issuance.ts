import type { BusinessRule } from '../errors.js';
import type { DecisionState } from '../state.js';
import { type RuleViolation, violation } from './violation.js';

/**
 * The stage machine already routes phân cấp through HĐND; this rule states it again at issuance
 * so a workflow definition that skipped the vote by mistake cannot issue.
 */
export const COUNCIL_APPROVAL_PRECEDES_ISSUANCE: BusinessRule = {
  id: 'council-approval-precedes-issuance',
  version: 1,
  source: 'Kế hoạch (seed 001) III.3: trình HĐND cùng cấp thông qua trước khi ban hành Quyết định',
  message: {
    vi: 'Quyết định phân cấp chỉ được ban hành sau khi HĐND thông qua.',
    en: 'A decentralisation decision is issued only after the council approves it.',
  },
};

export function checkCouncilApprovalPrecedesIssuance(state: DecisionState): RuleViolation | undefined {
  return state.councilVote?.outcome === 'approved' ? undefined : violation(COUNCIL_APPROVAL_PRECEDES_ISSUANCE, 'stage');
}
