import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** A body cannot delegate to itself: nothing would move and nobody would be accountable. */
export const DELEGATOR_DIFFERS_FROM_DELEGATE: BusinessRule = {
  id: 'delegator-differs-from-delegate',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 13.1, 14.1',
  message: {
    vi: 'Cơ quan phân cấp, ủy quyền phải khác cơ quan nhận phân cấp, ủy quyền.',
    en: 'The delegating body must differ from the receiving body.',
  },
};

export function checkDelegatorDiffersFromDelegate(c: ProposalContent, prefix: string): RuleViolation | undefined {
  if (c.delegatorBodyId !== c.delegateBodyId) return undefined;
  return violation(DELEGATOR_DIFFERS_FROM_DELEGATE, `${prefix}delegateBodyId`);
}
