import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, hasAnyText, violation } from './violation.js';

/** Art. 14 requires the written authorisation to state the conditions of its exercise. */
export const UY_QUYEN_HAS_CONDITIONS: BusinessRule = {
  id: 'uy-quyen-has-conditions',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 14',
  message: {
    vi: 'Văn bản ủy quyền phải nêu điều kiện thực hiện nhiệm vụ, quyền hạn được ủy quyền.',
    en: 'An authorisation must state at least one condition.',
  },
};

export function checkUyQuyenHasConditions(c: ProposalContent, prefix: string): RuleViolation | undefined {
  return hasAnyText(c.conditions) ? undefined : violation(UY_QUYEN_HAS_CONDITIONS, `${prefix}conditions`);
}
