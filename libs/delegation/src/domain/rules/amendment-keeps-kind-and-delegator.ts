import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/**
 * Changing the kind or the delegating body makes a different delegation with its own procedure
 * (and, for phân cấp, its own HĐND vote): revoke and propose anew instead.
 */
export const AMENDMENT_KEEPS_KIND_AND_DELEGATOR: BusinessRule = {
  id: 'amendment-keeps-kind-and-delegator',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 13, 14',
  message: {
    vi: 'Sửa đổi, bổ sung không được thay đổi hình thức (phân cấp/ủy quyền) hoặc cơ quan phân cấp, ủy quyền.',
    en: 'An amendment cannot change the kind or the delegating body.',
  },
};

export function checkAmendmentKeepsKindAndDelegator(
  current: ProposalContent,
  changes: Partial<ProposalContent>,
): RuleViolation | undefined {
  // `kind` is not part of ProposalContent, but JSON from outside may still carry it.
  if ('kind' in changes) return violation(AMENDMENT_KEEPS_KIND_AND_DELEGATOR, 'changes.kind');
  if (changes.delegatorBodyId !== undefined && changes.delegatorBodyId !== current.delegatorBodyId) {
    return violation(AMENDMENT_KEEPS_KIND_AND_DELEGATOR, 'changes.delegatorBodyId');
  }
  return undefined;
}
