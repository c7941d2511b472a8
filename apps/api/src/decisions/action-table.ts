import type { Command, CommandType } from '@app/delegation';
import * as A from './actions.dto.js';

type DataOf<K extends CommandType> = Extract<Command, { type: K }>['data'];

export interface DecisionAction<B extends object = object, D = unknown> {
  /** The request body's class: validated by the ValidationPipe, documented in OpenAPI. */
  request: new () => B;
  /** The command's data from the validated body. */
  toCommand: (body: B) => D;
  summary: string;
}

const action = <B extends object, D>(request: new () => B, toCommand: (body: B) => D, summary: string): DecisionAction<B, D> =>
  ({ request, toCommand, summary });

/** The commands a person runs over HTTP as `POST /api/v1/decisions/{id}/<command>`. */
export type HttpDecisionCommand = Exclude<CommandType, 'propose' | 'reassign' | 'record-findings'>;

/**
 * THE edge of the decision commands: each HTTP action, its request class and how the validated body
 * becomes the command's data. `satisfies` checks every `toCommand` against the domain's command type:
 * a DTO that drifts from its command, or a command without an action, fails to compile.
 */
export const DECISION_ACTIONS = {
  'update-draft': action(A.UpdateDraftRequest, (b) => ({ changes: { ...b.changes } }), 'Sửa dự thảo / edit the draft (proposer, stage draft)'),
  submit: action(A.EmptyRequest, () => ({}), 'Gửi đề xuất / submit the proposal'),
  'assign-reviewer': action(A.AssignReviewerRequest, (b) => ({ reviewerId: b.reviewerId, ...(b.note !== undefined && { note: b.note }) }), 'Phân công thẩm định / assign a reviewer (reviewer lead)'),
  'request-revision': action(A.RequestRevisionRequest, (b) => ({ reasons: b.reasons, ...(b.note !== undefined && { note: b.note }) }), 'Yêu cầu bổ sung, chỉnh sửa / request a revision'),
  resubmit: action(A.ResubmitRequest, (b) => ({ response: b.response, ...(b.changes !== undefined && { changes: { ...b.changes } }) }), 'Gửi lại sau chỉnh sửa / resubmit after a revision request'),
  appraise: action(A.AppraiseRequest, (b) => ({ ...b }), 'Hoàn thành thẩm định / complete the Sở Nội vụ appraisal'),
  'record-legal-appraisal': action(A.RecordLegalAppraisalRequest, (b) => ({ ...b }), 'Ghi nhận thẩm định của Sở Tư pháp / record the legal appraisal (phân cấp)'),
  'submit-to-council': action(A.SubmitToCouncilRequest, (b) => ({ ...b }), "Trình HĐND / submit to the People's Council (phân cấp)"),
  'record-council-vote': action(A.RecordCouncilVoteRequest, (b) => ({ ...b }), 'Ghi nhận biểu quyết HĐND / record the council vote (phân cấp)'),
  decide: action(A.DecideRequest, (b) => ({ ...b }), 'UBND quyết định / the committee or its chairman decides (ủy quyền)'),
  issue: action(A.IssueRequest, (b) => ({ ...b }), 'Ban hành / record the issued decision'),
  amend: action(A.AmendRequest, (b) => ({ ...b, changes: { ...b.changes }, ...(b.evaluationRef !== undefined && { evaluationRef: { year: b.evaluationRef.year } }) }), 'Sửa đổi, bổ sung / amend an issued decision'),
  revoke: action(A.RevokeRequest, (b) => ({ ...b, ...(b.evaluationRef !== undefined && { evaluationRef: { year: b.evaluationRef.year } }) }), 'Thu hồi / revoke an issued decision'),
  withdraw: action(A.WithdrawRequest, (b) => ({ ...b }), 'Rút hồ sơ / withdraw before issuance'),
  expire: action(A.EmptyRequest, () => ({}), 'Hết hạn / expire an ủy quyền whose period has ended'),
  'file-report': action(A.FileReportRequest, (b) => ({ ...b }), 'Báo cáo kết quả thực hiện / file the quarterly implementation report (delegate)'),
  'record-evaluation': action(A.RecordEvaluationRequest, (b) => ({ ...b }), 'Đánh giá hằng năm / record the yearly evaluation (Sở Nội vụ)'),
  'request-consultation': action(A.RequestConsultationRequest, (b) => ({ bodyIds: [...b.bodyIds], dueOn: b.dueOn, subject: b.subject }), 'Lấy ý kiến / consult the bodies concerned (workflow v2)'),
  'record-opinion': action(A.RecordOpinionRequest, (b) => ({ ...b }), 'Ghi nhận ý kiến góp ý / record a consulted body\'s opinion'),
  'close-consultation': action(A.EmptyRequest, () => ({}), 'Kết thúc lấy ý kiến khi hết hạn / close a consultation past its due date, recording who did not answer'),
  'record-examination': action(A.RecordExaminationRequest, (b) => ({ ...b }), 'Ghi nhận báo cáo thẩm tra của Ban HĐND / record the HĐND committee\'s examination (phân cấp v2)'),
} satisfies { [K in HttpDecisionCommand]: { request: new () => object; toCommand: (body: never) => DataOf<K>; summary: string } };
