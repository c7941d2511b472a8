import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A period that ends on or before its start is empty. YYYY-MM-DD strings compare as dates. */
export const PERIOD_ENDS_AFTER_START: BusinessRule = {
  id: 'period-ends-after-start',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 14; Bộ luật Dân sự 2015 Điều 147',
  message: {
    vi: 'Ngày kết thúc thời hạn phải sau ngày bắt đầu.',
    en: 'The period must end after it starts.',
  },
};

export function checkPeriodEndsAfterStart(c: ProposalContent, prefix: string): RuleViolation | undefined {
  if (!c.period) return undefined;
  const { from, to } = c.period;
  if (!ISO_DATE.test(from ?? '')) return violation(PERIOD_ENDS_AFTER_START, `${prefix}period.from`);
  if (!ISO_DATE.test(to ?? '') || to <= from) return violation(PERIOD_ENDS_AFTER_START, `${prefix}period.to`);
  return undefined;
}
