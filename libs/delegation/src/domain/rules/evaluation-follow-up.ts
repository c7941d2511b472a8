import type { BusinessRule } from '../errors.js';
import type { EvaluationRef } from '../events.js';
import type { DecisionState } from '../state.js';
import { type RuleViolation, violation } from './violation.js';

/**
 * An amendment or a revocation that names a yearly evaluation as its basis follows up an evaluation the
 * decision has, of that year, which recommended that very command.
 */
export const EVALUATION_FOLLOW_UP_MATCHES: BusinessRule = {
  id: 'evaluation-follow-up-matches',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương 72/2025/QH15, Điều 11.2: cơ chế đánh giá, điều chỉnh; Đề án (seed 000), nhiệm vụ 7',
  message: {
    vi: 'Kết quả đánh giá được viện dẫn phải là đánh giá của chính quyết định này, đúng năm, và có đề xuất trùng với việc sửa đổi hoặc thu hồi.',
    en: 'The evaluation cited must be one of this decision\'s, of that year, and must have recommended this amendment or revocation.',
  },
};

export function checkEvaluationFollowUp(state: DecisionState, ref: EvaluationRef | undefined, command: 'amend' | 'revoke'): RuleViolation | undefined {
  if (ref === undefined) return undefined;
  const evaluation = (state.evaluations ?? []).find((e) => e.year === ref.year);
  if (!evaluation) {
    return violation(EVALUATION_FOLLOW_UP_MATCHES, 'evaluationRef.year', {
      vi: `Quyết định chưa có kết quả đánh giá năm ${ref.year}.`, en: `The decision has no evaluation of ${ref.year}.`,
    });
  }
  if (evaluation.recommendation !== command) {
    const said = evaluation.recommendation ?? 'none';
    return violation(EVALUATION_FOLLOW_UP_MATCHES, 'evaluationRef.year', {
      vi: `Đánh giá năm ${ref.year} không đề xuất ${command === 'amend' ? 'sửa đổi' : 'thu hồi'} (đề xuất: ${said}).`,
      en: `The evaluation of ${ref.year} did not recommend to ${command} (it recommended: ${said}).`,
    });
  }
  return undefined;
}
