import type { BusinessRule } from '../errors.js';
import type { IsoDate, Period } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** An ủy quyền acts only within its term: taking effect outside it would act without authority. */
export const EFFECTIVE_WITHIN_PERIOD: BusinessRule = {
  id: 'effective-within-period',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 14',
  message: {
    vi: 'Ngày có hiệu lực phải nằm trong thời hạn ủy quyền.',
    en: 'The effective date must fall within the authorisation period.',
  },
};

export function checkEffectiveWithinPeriod(period: Period | undefined, effectiveFrom: IsoDate): RuleViolation | undefined {
  if (period && effectiveFrom >= period.from && effectiveFrom <= period.to) return undefined;
  return violation(EFFECTIVE_WITHIN_PERIOD, 'effectiveFrom');
}
