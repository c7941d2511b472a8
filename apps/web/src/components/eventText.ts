import type { StoredEvent, Text } from '../api/types';
import { formatDate } from '../format';

type D = Record<string, unknown>;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join('; ') : s(v));

export interface EventTextDeps {
  bodyName: (id: string) => string;
  stageLabel: (stage: string) => string;
}

const OPINION: Record<string, Text> = {
  favourable: { vi: 'đồng ý', en: 'favourable' },
  unfavourable: { vi: 'không đồng ý', en: 'unfavourable' },
  lawful: { vi: 'hợp pháp', en: 'lawful' },
  unlawful: { vi: 'không hợp pháp', en: 'unlawful' },
  approved: { vi: 'chấp thuận', en: 'approved' },
  rejected: { vi: 'không chấp thuận', en: 'rejected' },
  effective: { vi: 'hiệu quả', en: 'effective' },
  'needs-adjustment': { vi: 'cần điều chỉnh', en: 'needs adjustment' },
  ineffective: { vi: 'không hiệu quả', en: 'ineffective' },
};
const op = (v: unknown): Text => OPINION[s(v)] ?? { vi: s(v), en: s(v) };

/** One sentence, in Vietnamese and English, saying what an event recorded. */
export function describeEvent(e: StoredEvent, deps: EventTextDeps): Text {
  const d = (e.data ?? {}) as D;
  switch (e.type) {
    case 'ProposalDrafted':
      return {
        vi: `Lập dự thảo đề xuất ${d.kind === 'uy-quyen' ? 'ủy quyền' : 'phân cấp'} «${s(d.title)}».`,
        en: `Drafted the ${d.kind === 'uy-quyen' ? 'authorisation' : 'decentralisation'} proposal "${s(d.title)}".`,
      };
    case 'DraftUpdated':
      return { vi: `Cập nhật dự thảo (${Object.keys((d.changes as D) ?? {}).join(', ')}).`, en: `Updated the draft (${Object.keys((d.changes as D) ?? {}).join(', ')}).` };
    case 'ProposalSubmitted':
      return { vi: 'Gửi hồ sơ đề xuất đến Sở Nội vụ thẩm định.', en: 'Submitted the proposal for appraisal.' };
    case 'ReviewerAssigned':
      return { vi: `Phân công ${s(d.reviewerId)} thẩm định hồ sơ.`, en: `Assigned ${s(d.reviewerId)} to appraise the proposal.` };
    case 'RevisionRequested':
      return {
        vi: `Yêu cầu bổ sung, chỉnh sửa (vòng ${s(d.round)}): ${list(d.reasons)}.`,
        en: `Requested a revision (round ${s(d.round)}): ${list(d.reasons)}.`,
      };
    case 'ProposalResubmitted':
      return { vi: `Gửi lại hồ sơ sau chỉnh sửa: ${s(d.response)}.`, en: `Resubmitted after revision: ${s(d.response)}.` };
    case 'AppraisalCompleted':
      return {
        vi: `Hoàn thành thẩm định, ý kiến ${op(d.opinion).vi} (báo cáo số ${s(d.reportNumber)}).`,
        en: `Completed the appraisal: ${op(d.opinion).en} (report ${s(d.reportNumber)}).`,
      };
    case 'LegalAppraisalRecorded':
      return {
        vi: `Sở Tư pháp thẩm định: ${op(d.opinion).vi} (báo cáo số ${s(d.reportNumber)}).`,
        en: `Legal appraisal: ${op(d.opinion).en} (report ${s(d.reportNumber)}).`,
      };
    case 'SubmittedToCouncil':
      return {
        vi: `Trình HĐND tỉnh (tờ trình số ${s(d.submissionNumber)}, ngày ${formatDate(s(d.submittedOn))}).`,
        en: `Submitted to the People's Council (submission ${s(d.submissionNumber)}, ${formatDate(s(d.submittedOn))}).`,
      };
    case 'CouncilVoteRecorded':
      return {
        vi: `HĐND biểu quyết ${op(d.outcome).vi}: ${s(d.votesFor)}/${s(d.totalDelegates)} đại biểu tán thành (${s(d.session)}).`,
        en: `Council vote ${op(d.outcome).en}: ${s(d.votesFor)} of ${s(d.totalDelegates)} delegates for (${s(d.session)}).`,
      };
    case 'DecisionMade':
      return {
        vi: `${d.decidedBy === 'chairman' ? 'Chủ tịch UBND tỉnh' : 'UBND tỉnh'} quyết định: ${op(d.outcome).vi}.`,
        en: `${d.decidedBy === 'chairman' ? 'The chairman' : 'The committee'} decided: ${op(d.outcome).en}.`,
      };
    case 'DecisionIssued':
      return {
        vi: `Ban hành quyết định số ${s(d.documentNumber)}, ${s(d.signer)} ký ngày ${formatDate(s(d.signedOn))}, hiệu lực từ ${formatDate(s(d.effectiveFrom))}.`,
        en: `Issued decision ${s(d.documentNumber)}, signed by ${s(d.signer)} on ${formatDate(s(d.signedOn))}, effective ${formatDate(s(d.effectiveFrom))}.`,
      };
    case 'DecisionAmended':
      return {
        vi: `Sửa đổi, bổ sung theo văn bản số ${s(d.documentNumber)}: ${s(d.reason)}.`,
        en: `Amended by document ${s(d.documentNumber)}: ${s(d.reason)}.`,
      };
    case 'DecisionRevoked':
      return {
        vi: `Thu hồi theo văn bản số ${s(d.documentNumber)} từ ngày ${formatDate(s(d.effectiveFrom))}: ${s(d.reason)}.`,
        en: `Revoked by document ${s(d.documentNumber)} from ${formatDate(s(d.effectiveFrom))}: ${s(d.reason)}.`,
      };
    case 'DecisionReassigned':
      return {
        vi: `Giao lại từ ${deps.bodyName(s(d.fromBodyId))} cho ${deps.bodyName(s(d.toBodyId))} (văn bản số ${s(d.documentNumber)}).`,
        en: `Re-assigned from ${deps.bodyName(s(d.fromBodyId))} to ${deps.bodyName(s(d.toBodyId))} (document ${s(d.documentNumber)}).`,
      };
    case 'ProposalWithdrawn':
      return { vi: `Rút hồ sơ: ${s(d.reason)}.`, en: `Withdrew the proposal: ${s(d.reason)}.` };
    case 'DelegationExpired':
      return { vi: `Ủy quyền hết thời hạn ngày ${formatDate(s(d.expiredOn))}.`, en: `The authorisation expired on ${formatDate(s(d.expiredOn))}.` };
    case 'FindingRaised': {
      const m = (d.message as Text | undefined) ?? { vi: s(d.ruleId), en: s(d.ruleId) };
      return { vi: `Kiểm tra tự động phát hiện (${s(d.ruleId)}): ${m.vi}`, en: `Automatic check found (${s(d.ruleId)}): ${m.en}` };
    }
    case 'FindingResolved': {
      const r = (d.reason as Text | undefined) ?? { vi: '', en: '' };
      return { vi: `Phát hiện ${s(d.ruleId)} đã được giải quyết: ${r.vi}`, en: `Finding ${s(d.ruleId)} resolved: ${r.en}` };
    }
    case 'ImplementationReportFiled':
      return { vi: `Nộp báo cáo kết quả thực hiện kỳ ${s(d.period)}.`, en: `Filed the implementation report for ${s(d.period)}.` };
    case 'EvaluationRecorded':
      return {
        vi: `Ghi nhận đánh giá năm ${s(d.year)}: ${op(d.result).vi}.`,
        en: `Recorded the ${s(d.year)} evaluation: ${op(d.result).en}.`,
      };
    default:
      return { vi: `Sự kiện ${e.type}.`, en: `Event ${e.type}.` };
  }
}

