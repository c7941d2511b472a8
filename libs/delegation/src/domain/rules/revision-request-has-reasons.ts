import type { BusinessRule } from '../errors.js';
import { type RuleViolation, hasAnyText, violation } from './violation.js';

/** The proposer can only fix what it is told: a revision request lists what to add or change. */
export const REVISION_REQUEST_HAS_REASONS: BusinessRule = {
  id: 'revision-request-has-reasons',
  version: 1,
  source: 'Kế hoạch (seed 001) III.3 (Sở Nội vụ thẩm định)',
  message: {
    vi: 'Yêu cầu bổ sung, chỉnh sửa phải nêu rõ nội dung cần bổ sung, chỉnh sửa.',
    en: 'A revision request must say what to add or change.',
  },
};

export function checkRevisionRequestHasReasons(reasons: readonly string[] | undefined): RuleViolation | undefined {
  return hasAnyText(reasons) ? undefined : violation(REVISION_REQUEST_HAS_REASONS, 'reasons');
}
