import type { BusinessRule } from '../errors.js';
import type { EvaluationDetails } from '../events.js';
import type { DecisionState } from '../state.js';
import { type RuleViolation, violation } from './violation.js';

/**
 * An evaluation states its results against the delegation's own conditions (Luật 72/2025/QH15 Điều
 * 11.2: a way to evaluate and adjust), each once: a condition the decision does not set is not one of them.
 */
export const EVALUATION_AGAINST_CONDITIONS: BusinessRule = {
  id: 'evaluation-against-conditions',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương 72/2025/QH15, Điều 11 khoản 2; Đề án (seed 000), nhiệm vụ 7',
  message: {
    vi: 'Kết quả đánh giá phải đối chiếu với các điều kiện của chính quyết định phân cấp, ủy quyền, mỗi điều kiện một lần.',
    en: "An evaluation's results are stated against the delegation's own conditions, each once.",
  },
};

export function checkEvaluatedConditions(state: DecisionState, results: EvaluationDetails['conditionResults']): RuleViolation | undefined {
  if (!results) return undefined;
  const known = new Set(state.content.conditions);
  const seen = new Set<string>();
  for (const [i, r] of results.entries()) {
    if (!known.has(r.condition) || seen.has(r.condition)) {
      return violation(EVALUATION_AGAINST_CONDITIONS, `conditionResults[${i}].condition`, {
        vi: known.has(r.condition) ? `Điều kiện "${r.condition}" được đánh giá hai lần.` : `"${r.condition}" không phải là điều kiện của quyết định này.`,
        en: known.has(r.condition) ? `The condition "${r.condition}" is evaluated twice.` : `"${r.condition}" is not one of this decision's conditions.`,
      });
    }
    seen.add(r.condition);
  }
  return undefined;
}
