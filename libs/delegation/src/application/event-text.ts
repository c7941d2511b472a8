import type { DecisionEvent, EvaluationResult, FindingSeverity } from '../domain/events.js';
import type { DecisionKind, Text } from '../domain/types.js';

/*
 * THE one description of a decision's events, Vietnamese and English: the timeline of the events API
 * and the auditors' evidence pack both say what happened with these sentences.
 */

/** Roles as an auditor reads them. */
export const ROLE_VI: Record<string, string> = {
  proposer: 'Cơ quan đề xuất',
  reviewer: 'Chuyên viên Sở Nội vụ',
  'reviewer-lead': 'Lãnh đạo phòng, Sở Nội vụ',
  'legal-appraiser': 'Sở Tư pháp',
  'council-office': 'Văn phòng HĐND',
  'committee-office': 'Văn phòng UBND',
  auditor: 'Thanh tra',
  admin: 'Quản trị',
  system: 'Hệ thống',
};

export const ROLE_EN: Record<string, string> = {
  proposer: 'Proposing agency',
  reviewer: 'Home Affairs reviewer',
  'reviewer-lead': 'Home Affairs division lead',
  'legal-appraiser': 'Department of Justice',
  'council-office': "People's Council office",
  'committee-office': "People's Committee office",
  auditor: 'Inspectorate',
  admin: 'Administrator',
  system: 'System',
};

export const roleVi = (role: string | undefined): string => (role && ROLE_VI[role]) || role || 'Không rõ';
export const roleEn = (role: string | undefined): string => (role && ROLE_EN[role]) || role || 'Unknown';

export const KIND_VI: Record<DecisionKind, string> = { 'phan-cap': 'Phân cấp', 'uy-quyen': 'Ủy quyền' };
export const KIND_EN: Record<DecisionKind, string> = { 'phan-cap': 'Decentralisation (phân cấp)', 'uy-quyen': 'Authorisation (ủy quyền)' };

const SEVERITY_VI: Record<FindingSeverity, string> = { info: 'thông tin', warning: 'cảnh báo', violation: 'vi phạm' };
const RECOMMENDATION_VI: Record<string, string> = { keep: 'giữ nguyên', amend: 'sửa đổi, bổ sung', revoke: 'thu hồi', extend: 'gia hạn' };
const EVALUATION_VI: Record<EvaluationResult, string> = { effective: 'hiệu quả', 'needs-adjustment': 'cần điều chỉnh', ineffective: 'không hiệu quả' };
const SIDE_VI = { delegate: 'bên nhận', delegator: 'bên giao', both: 'cả hai bên' } as const;

const ZONE = 'Asia/Ho_Chi_Minh';
const VN_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant as `dd/mm/yyyy HH:mm` in Asia/Ho_Chi_Minh. */
export function formatInstantVi(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = Object.fromEntries(VN_PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A civil date `YYYY-MM-DD` as `dd/mm/yyyy` (an instant is taken in Asia/Ho_Chi_Minh). */
export function formatDateVi(date: string | undefined | null): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return formatInstantVi(date).slice(0, 10);
}

const FIELD_VI: Record<string, string> = {
  title: 'tên', delegatorBodyId: 'cơ quan giao', delegateBodyId: 'cơ quan nhận', powerIds: 'thẩm quyền', sector: 'lĩnh vực',
  legalBasis: 'căn cứ pháp lý', resources: 'nguồn lực', period: 'thời hạn', conditions: 'điều kiện', justification: 'thuyết minh',
  documents: 'tài liệu',
};
const fieldsVi = (changes: object | undefined) => Object.keys(changes ?? {}).map((k) => FIELD_VI[k] ?? k).join(', ');
const fieldsEn = (changes: object | undefined) => Object.keys(changes ?? {}).join(', ');
const list = (items: string[] | undefined) => (items?.length ? items.join('; ') : '');
const withReasons = (base: string, reasons: string[] | undefined, label: string) => (reasons?.length ? `${base} ${label}: ${list(reasons)}.` : base);

/** What the text of one event needs besides the event: names of people and bodies. */
export interface SentenceContext {
  /** The acting body's Vietnamese / English name, or the role's name when there is no body. */
  subjectVi: string;
  subjectEn: string;
  kind: DecisionKind;
  userName: (userId: string) => string;
  bodyName: (bodyId: string) => Text;
}

/** One sentence, Vietnamese and English, saying what an event records. */
export function describeEvent(event: DecisionEvent | { type: string; data: unknown }, c: SentenceContext): Text {
  const e = event as DecisionEvent;
  const s = c.subjectVi;
  const S = c.subjectEn;
  switch (e.type) {
    case 'ProposalDrafted':
      return {
        vi: `${s} lập dự thảo đề xuất ${KIND_VI[e.data.kind].toLowerCase()}: “${e.data.title}”.`,
        en: `${S} drafted a ${e.data.kind === 'phan-cap' ? 'decentralisation' : 'authorisation'} proposal: “${e.data.title}”.`,
      };
    case 'DraftUpdated':
      return { vi: `${s} sửa dự thảo (${fieldsVi(e.data.changes)}).`, en: `${S} edited the draft (${fieldsEn(e.data.changes)}).` };
    case 'ProposalSubmitted':
      return { vi: `${s} gửi đề xuất đến Sở Nội vụ để thẩm định.`, en: `${S} submitted the proposal to the Department of Home Affairs for appraisal.` };
    case 'ReviewerAssigned': {
      const who = c.userName(e.data.reviewerId);
      return {
        vi: `${s} phân công chuyên viên thẩm định: ${who}${e.data.note ? ` (${e.data.note})` : ''}.`,
        en: `${S} assigned the appraisal to ${who}${e.data.note ? ` (${e.data.note})` : ''}.`,
      };
    }
    case 'RevisionRequested':
      return {
        vi: `${s} yêu cầu bổ sung, chỉnh sửa (vòng ${e.data.round}): ${list(e.data.reasons)}${e.data.note ? ` (${e.data.note})` : ''}.`,
        en: `${S} requested a revision (round ${e.data.round}): ${list(e.data.reasons)}${e.data.note ? ` (${e.data.note})` : ''}.`,
      };
    case 'ProposalResubmitted':
      return {
        vi: `${s} gửi lại hồ sơ sau chỉnh sửa (vòng ${e.data.round}): ${e.data.response}${fieldsVi(e.data.changes) ? `; nội dung sửa: ${fieldsVi(e.data.changes)}` : ''}.`,
        en: `${S} resubmitted after revision (round ${e.data.round}): ${e.data.response}${fieldsEn(e.data.changes) ? `; changed: ${fieldsEn(e.data.changes)}` : ''}.`,
      };
    case 'AppraisalCompleted':
      return {
        vi: withReasons(
          `${s} hoàn thành thẩm định, ý kiến ${e.data.opinion === 'favourable' ? 'đồng ý' : 'không đồng ý'} (báo cáo số ${e.data.reportNumber}): ${e.data.summary}.`,
          e.data.reasons, 'Lý do'),
        en: withReasons(
          `${S} completed the appraisal, ${e.data.opinion} (report ${e.data.reportNumber}): ${e.data.summary}.`, e.data.reasons, 'Reasons'),
      };
    case 'LegalAppraisalRecorded':
      return {
        vi: withReasons(
          `${s} thẩm định về pháp lý: ${e.data.opinion === 'lawful' ? 'đúng quy định pháp luật' : 'không đúng quy định pháp luật'} (báo cáo số ${e.data.reportNumber})${e.data.notes ? `; ${e.data.notes}` : ''}.`,
          e.data.reasons, 'Lý do'),
        en: withReasons(
          `${S} recorded the legal appraisal: ${e.data.opinion} (report ${e.data.reportNumber})${e.data.notes ? `; ${e.data.notes}` : ''}.`, e.data.reasons, 'Reasons'),
      };
    case 'SubmittedToCouncil':
      return {
        vi: `${s} trình Hội đồng nhân dân (tờ trình số ${e.data.submissionNumber}, ngày ${formatDateVi(e.data.submittedOn)}).`,
        en: `${S} submitted the proposal to the People's Council (submission ${e.data.submissionNumber} of ${formatDateVi(e.data.submittedOn)}).`,
      };
    case 'CouncilVoteRecorded': {
      const v = e.data;
      const outcomeVi = v.outcome === 'approved' ? 'thông qua' : 'không thông qua';
      return {
        vi: withReasons(
          `${s} ghi nhận kết quả biểu quyết của Hội đồng nhân dân tại ${v.session} ngày ${formatDateVi(v.sessionDate)}: `
            + `${v.votesFor}/${v.totalDelegates} đại biểu tán thành, ${v.votesAgainst} không tán thành, ${v.abstentions} không biểu quyết — ${outcomeVi}`
            + `${v.resolutionNumber ? ` (Nghị quyết số ${v.resolutionNumber})` : ''}.`,
          v.reasons, 'Lý do'),
        en: withReasons(
          `${S} recorded the People's Council vote at ${v.session} on ${formatDateVi(v.sessionDate)}: `
            + `${v.votesFor} of ${v.totalDelegates} delegates for, ${v.votesAgainst} against, ${v.abstentions} abstaining — ${v.outcome}`
            + `${v.resolutionNumber ? ` (resolution ${v.resolutionNumber})` : ''}.`,
          v.reasons, 'Reasons'),
      };
    }
    case 'DecisionMade':
      return {
        vi: withReasons(
          `${s} ghi nhận quyết định của ${e.data.decidedBy === 'chairman' ? 'Chủ tịch Ủy ban nhân dân' : 'tập thể Ủy ban nhân dân'}: `
            + `${e.data.outcome === 'approved' ? 'đồng ý' : 'không đồng ý'}.`,
          e.data.reasons, 'Lý do'),
        en: withReasons(
          `${S} recorded the decision of the People's Committee ${e.data.decidedBy === 'chairman' ? 'chairman' : 'as a body'}: ${e.data.outcome}.`,
          e.data.reasons, 'Reasons'),
      };
    case 'DecisionIssued': {
      const d = e.data;
      return {
        vi: `${s} ban hành văn bản số ${d.documentNumber}, người ký ${d.signer}, ngày ký ${formatDateVi(d.signedOn)}, hiệu lực từ ${formatDateVi(d.effectiveFrom)}`
          + `${d.effectiveTo ? ` đến ${formatDateVi(d.effectiveTo)}` : ''}.`,
        en: `${S} issued document ${d.documentNumber}, signed by ${d.signer} on ${formatDateVi(d.signedOn)}, in force from ${formatDateVi(d.effectiveFrom)}`
          + `${d.effectiveTo ? ` to ${formatDateVi(d.effectiveTo)}` : ''}.`,
      };
    }
    case 'DecisionAmended':
      return {
        vi: `${s} sửa đổi, bổ sung lần ${e.data.amendment} (văn bản số ${e.data.documentNumber}, hiệu lực từ ${formatDateVi(e.data.effectiveFrom)}): ${e.data.reason}`
          + `${fieldsVi(e.data.changes) ? `; nội dung sửa: ${fieldsVi(e.data.changes)}` : ''}.`,
        en: `${S} amended the decision (amendment ${e.data.amendment}, document ${e.data.documentNumber}, from ${formatDateVi(e.data.effectiveFrom)}): ${e.data.reason}`
          + `${fieldsEn(e.data.changes) ? `; changed: ${fieldsEn(e.data.changes)}` : ''}.`,
      };
    case 'DecisionRevoked':
      return {
        vi: `${s} bãi bỏ quyết định (văn bản số ${e.data.documentNumber}, hiệu lực từ ${formatDateVi(e.data.effectiveFrom)}): ${e.data.reason}.`,
        en: `${S} revoked the decision (document ${e.data.documentNumber}, from ${formatDateVi(e.data.effectiveFrom)}): ${e.data.reason}.`,
      };
    case 'DecisionReassigned': {
      const from = c.bodyName(e.data.fromBodyId);
      const to = c.bodyName(e.data.toBodyId);
      return {
        vi: `${s} chuyển giao (${SIDE_VI[e.data.side]}) từ ${from.vi} sang ${to.vi} theo văn bản số ${e.data.documentNumber}, hiệu lực từ ${formatDateVi(e.data.effectiveFrom)}: ${e.data.reason}.`,
        en: `${S} reassigned the delegation (${e.data.side}) from ${from.en} to ${to.en} by document ${e.data.documentNumber}, from ${formatDateVi(e.data.effectiveFrom)}: ${e.data.reason}.`,
      };
    }
    case 'ProposalWithdrawn':
      return { vi: `${s} rút hồ sơ đề xuất: ${e.data.reason}.`, en: `${S} withdrew the proposal: ${e.data.reason}.` };
    case 'DelegationExpired':
      return {
        vi: `Ủy quyền hết thời hạn vào ngày ${formatDateVi(e.data.expiredOn)}.`,
        en: `The authorisation expired on ${formatDateVi(e.data.expiredOn)}.`,
      };
    case 'FindingRaised':
      return {
        vi: `${s} phát hiện (${SEVERITY_VI[e.data.severity] ?? e.data.severity}, quy tắc ${e.data.ruleId}): ${e.data.message.vi}`,
        en: `${S} raised a finding (${e.data.severity}, rule ${e.data.ruleId}): ${e.data.message.en}`,
      };
    case 'FindingResolved':
      return {
        vi: `${s} ghi nhận phát hiện theo quy tắc ${e.data.ruleId} đã được khắc phục: ${e.data.reason.vi}`,
        en: `${S} resolved the finding of rule ${e.data.ruleId}: ${e.data.reason.en}`,
      };
    case 'ImplementationReportFiled':
      return {
        vi: `${s} nộp báo cáo kết quả thực hiện kỳ ${e.data.period}: ${e.data.summary}.`,
        en: `${S} filed the implementation report for ${e.data.period}: ${e.data.summary}.`,
      };
    case 'EvaluationRecorded':
      return {
        vi: `${s} ghi nhận đánh giá năm ${e.data.year}: ${EVALUATION_VI[e.data.result] ?? e.data.result} — ${e.data.summary}${e.data.recommendation ? `; đề xuất: ${RECOMMENDATION_VI[e.data.recommendation]}` : ''}.`,
        en: `${S} recorded the ${e.data.year} evaluation: ${e.data.result} — ${e.data.summary}${e.data.recommendation ? `; recommends: ${e.data.recommendation}` : ''}.`,
      };
    default:
      return { vi: `${s}: sự kiện ${event.type}.`, en: `${S}: event ${event.type}.` };
  }
}

