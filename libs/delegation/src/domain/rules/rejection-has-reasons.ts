import type { BusinessRule } from '../errors.js';
import { type RuleViolation, hasAnyText, violation } from './violation.js';

/** A refused proposal gets written reasons, at appraisal, legal appraisal, HĐND or UBND. */
export const REJECTION_HAS_REASONS: BusinessRule = {
  id: 'rejection-has-reasons',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 13.6',
  message: {
    vi: 'Trường hợp không chấp thuận phải nêu rõ lý do bằng văn bản.',
    en: 'A rejection must state its reasons in writing.',
  },
};

export function checkRejectionHasReasons(reasons: readonly string[] | undefined): RuleViolation | undefined {
  return hasAnyText(reasons) ? undefined : violation(REJECTION_HAS_REASONS, 'reasons');
}
