import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** An ủy quyền is written with its term (thời hạn); without one it never ends. */
export const UY_QUYEN_HAS_PERIOD: BusinessRule = {
  id: 'uy-quyen-has-period',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 14',
  message: {
    vi: 'Văn bản ủy quyền phải xác định thời hạn ủy quyền.',
    en: 'An authorisation must state its period.',
  },
};

export function checkUyQuyenHasPeriod(c: ProposalContent, prefix: string): RuleViolation | undefined {
  return c.period ? undefined : violation(UY_QUYEN_HAS_PERIOD, `${prefix}period`);
}
