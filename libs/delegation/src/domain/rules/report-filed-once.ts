import type { BusinessRule } from '../errors.js';
import type { DecisionState } from '../state.js';
import { type RuleViolation, violation } from './violation.js';

/** One implementation report per quarter: a second one for the same quarter is refused (amend by a new document instead). */
export const REPORT_FILED_ONCE: BusinessRule = {
  id: 'report-filed-once',
  version: 1,
  source: 'Kế hoạch 7781/KH-UBND (seed 003): báo cáo định kỳ hằng quý',
  message: {
    vi: 'Báo cáo của kỳ này đã được nộp.',
    en: 'The report for this period has already been filed.',
  },
};

export function checkReportFiledOnce(state: DecisionState, period: string): RuleViolation | undefined {
  return (state.reports ?? []).some((r) => r.period === period) ? violation(REPORT_FILED_ONCE, 'period') : undefined;
}
