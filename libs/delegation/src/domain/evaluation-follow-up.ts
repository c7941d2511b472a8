import type { EvaluationRecord, DecisionState } from './state.js';
import type { Text } from './types.js';

/**
 * The proposal an evaluation's recommendation opens (Luật 72/2025, Điều 11.2: đánh giá, điều chỉnh):
 * for `amend` or `revoke`, the body of that command pre-filled from the evaluation, naming it as basis.
 * What only the issuing office knows (the document's number, when it takes effect, the content that
 * changes) is left for it to fill in and listed in `missing`.
 */
export interface EvaluationFollowUp {
  year: number;
  recommendation: EvaluationRecord['recommendation'] | null;
  /** The command that follows the evaluation up; null when it recommended keeping or extending, or nothing. */
  command: 'amend' | 'revoke' | null;
  label: Text;
  /** The request body of `POST /api/v1/decisions/{id}/{command}`, pre-filled; null with no command. */
  body: { reason: string; evaluationRef: { year: number }; changes?: Record<string, never> } | null;
  /** Fields of the body the issuing office still has to give. */
  missing: string[];
  basis: { year: number; result: EvaluationRecord['result']; summary: string; problems: string[]; recordedAt: string };
  /** Set once an amendment or a revocation named this evaluation. */
  followedBy: EvaluationRecord['followedBy'] | null;
}

/** The follow-up of the decision's evaluation of `year`, or undefined when it has none that year. */
export function evaluationFollowUp(state: DecisionState, year: number): EvaluationFollowUp | undefined {
  const e = (state.evaluations ?? []).find((x) => x.year === year);
  if (!e) return undefined;
  const command = e.recommendation === 'amend' || e.recommendation === 'revoke' ? e.recommendation : null;
  const problems = e.problems ?? [];
  const basis = { year, result: e.result, summary: e.summary, problems, recordedAt: e.recordedAt };
  const said = problems.length > 0 ? problems.join('; ') : e.summary;
  const reason = command === 'amend'
    ? `Sửa đổi, bổ sung theo kết quả đánh giá năm ${year} của Sở Nội vụ: ${said}`
    : `Thu hồi theo kết quả đánh giá năm ${year} của Sở Nội vụ: ${said}`;
  return {
    year, recommendation: e.recommendation ?? null, command,
    label: command === 'amend'
      ? { vi: `Đề xuất sửa đổi, bổ sung theo đánh giá năm ${year}`, en: `Proposal to amend, following the evaluation of ${year}` }
      : command === 'revoke'
        ? { vi: `Đề xuất thu hồi theo đánh giá năm ${year}`, en: `Proposal to revoke, following the evaluation of ${year}` }
        : { vi: `Đánh giá năm ${year} không đề xuất sửa đổi hay thu hồi`, en: `The evaluation of ${year} recommends neither amending nor revoking` },
    body: command === null ? null : { reason, evaluationRef: { year }, ...(command === 'amend' && { changes: {} }) },
    missing: command === null ? [] : command === 'amend' ? ['documentNumber', 'effectiveFrom', 'changes'] : ['documentNumber', 'effectiveFrom'],
    basis, followedBy: e.followedBy ?? null,
  };
}
