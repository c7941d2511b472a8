import type { BusinessRule } from '../errors.js';
import type { DecisionState } from '../state.js';
import { type RuleViolation, violation } from './violation.js';

/** Each delegation is evaluated once for each year; the year is a whole calendar year number. */
export const EVALUATION_ONCE_A_YEAR: BusinessRule = {
  id: 'evaluation-once-a-year',
  version: 1,
  source: 'Đề án (seed 000), nhiệm vụ 7: Định kỳ hằng năm, tổ chức đánh giá nội dung phân cấp, ủy quyền',
  message: {
    vi: 'Mỗi năm chỉ ghi nhận một kết quả đánh giá; năm đánh giá phải là một năm hợp lệ.',
    en: 'One evaluation is recorded per year, and the year must be a valid calendar year.',
  },
};

export function checkEvaluationOnceAYear(state: DecisionState, year: number): RuleViolation | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) return violation(EVALUATION_ONCE_A_YEAR, 'year');
  return (state.evaluations ?? []).some((e) => e.year === year) ? violation(EVALUATION_ONCE_A_YEAR, 'year') : undefined;
}
