import type { BusinessRule } from '../errors.js';
import { type RuleViolation, violation } from './violation.js';

/** A quarterly report names its quarter as "YYYY-Qn" (n = 1..4), so each quarter is filed once. */
export const REPORT_PERIOD_FORMAT: BusinessRule = {
  id: 'report-period-format',
  version: 1,
  source: 'Kế hoạch 7781/KH-UBND (seed 003): định kỳ trước ngày 15 tháng cuối quý báo cáo kết quả thực hiện',
  message: {
    vi: 'Kỳ báo cáo phải ghi theo quý, dạng "YYYY-Qn" (ví dụ "2026-Q2").',
    en: 'The reporting period must be a quarter written "YYYY-Qn" (e.g. "2026-Q2").',
  },
};

export const REPORT_PERIOD_PATTERN = /^(\d{4})-Q([1-4])$/;

export function checkReportPeriodFormat(period: string): RuleViolation | undefined {
  return typeof period === 'string' && REPORT_PERIOD_PATTERN.test(period) ? undefined : violation(REPORT_PERIOD_FORMAT, 'period');
}
