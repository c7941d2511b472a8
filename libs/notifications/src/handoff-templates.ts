import { formatDate, oneLine, plural } from './format.js';
import type { HandoffKind, NotificationMessage, Text } from './message.js';
import { compose, type TemplateInput } from './templates.js';

/** The event that passed a decision on, as the notice needs it (its data as stored). */
export interface HandoffInput extends TemplateInput {
  /** The notification id, `notify:<decisionId>:<version>`: one notice per event. */
  id: string;
  eventType: string;
  version: number;
  data: Record<string, unknown>;
  caseNumber?: string | null;
  /** Who acted (display name), e.g. Trần Thị Bình. */
  actorName?: string;
  /** The findings a check run raised (for FindingRaised): their messages. */
  findings?: Array<{ ruleId: string; severity: string; message: Text }>;
}

/** Notification kind of each hand-off event. */
export const HANDOFF_KIND_OF: Record<string, HandoffKind> = {
  ProposalSubmitted: 'submitted',
  ReviewerAssigned: 'assigned',
  RevisionRequested: 'revision-requested',
  ProposalResubmitted: 'resubmitted',
  AppraisalCompleted: 'appraised',
  LegalAppraisalRecorded: 'legal-appraised',
  SubmittedToCouncil: 'sent-to-council',
  CouncilVoteRecorded: 'vote-recorded',
  DecisionMade: 'decided',
  DecisionIssued: 'issued',
  FindingRaised: 'finding-raised',
};

const str = (v: unknown) => (typeof v === 'string' ? oneLine(v) : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map(oneLine) : []);

/** Subject tag, what happened and what the recipient is asked to do, per kind. */
function wording(i: HandoffInput, file: string): { tag: Text; what: Text; ask: Text; extra: Text[] } {
  const d = i.data;
  const by = i.actorName ? oneLine(i.actorName) : '';
  const byVi = by ? ` (${by})` : '';
  const byEn = by ? ` by ${by}` : '';
  const reasons = list(d.reasons);
  const note = str(d.note);
  const extra: Text[] = [];
  if (reasons.length) extra.push({ vi: `Nội dung: ${reasons.join('; ')}.`, en: `Points raised: ${reasons.join('; ')}.` });
  if (note) extra.push({ vi: `Ghi chú: ${note}`, en: `Note: ${note}` });
  switch (i.eventType) {
    case 'ProposalSubmitted':
      return { tag: { vi: 'Hồ sơ mới', en: 'New file' }, what: { vi: `Hồ sơ ${file} đã được trình${byVi}.`, en: `The file ${file} was submitted${byEn}.` },
        ask: { vi: 'Đề nghị đồng chí phân công người thẩm định.', en: 'Please assign a reviewer.' }, extra };
    case 'ReviewerAssigned':
      return { tag: { vi: 'Phân công thẩm định', en: 'Assigned' }, what: { vi: `Đồng chí được phân công thẩm định hồ sơ ${file}${byVi}.`, en: `You were assigned to appraise ${file}${byEn}.` },
        ask: { vi: 'Đề nghị đồng chí thẩm định đúng thời hạn.', en: 'Please appraise it within the time allowed.' }, extra };
    case 'RevisionRequested':
      return { tag: { vi: 'Yêu cầu bổ sung', en: 'Revision requested' },
        what: { vi: `Hồ sơ ${file} được trả lại để bổ sung, chỉnh sửa (lần ${Number(d.round) || 1})${byVi}.`, en: `The file ${file} was returned for revision (round ${Number(d.round) || 1})${byEn}.` },
        ask: { vi: 'Đề nghị đồng chí bổ sung, chỉnh sửa và trình lại.', en: 'Please revise it and resubmit.' }, extra };
    case 'ProposalResubmitted': {
      const response = str(d.response);
      return { tag: { vi: 'Đã bổ sung', en: 'Resubmitted' },
        what: { vi: `Hồ sơ ${file} đã được bổ sung, trình lại (lần ${Number(d.round) || 1})${byVi}.`, en: `The file ${file} was revised and resubmitted (round ${Number(d.round) || 1})${byEn}.` },
        ask: { vi: 'Đề nghị đồng chí tiếp tục thẩm định.', en: 'Please continue the appraisal.' },
        extra: response ? [{ vi: `Giải trình: ${response}`, en: `Response: ${response}` }] : [] };
    }
    case 'AppraisalCompleted': {
      const ok = d.opinion === 'favourable';
      return { tag: { vi: 'Đã thẩm định', en: 'Appraised' },
        what: { vi: `Hồ sơ ${file} đã được thẩm định: ${ok ? 'đủ điều kiện' : 'chưa đủ điều kiện'} (báo cáo số ${str(d.reportNumber)})${byVi}.`, en: `The file ${file} was appraised: ${ok ? 'favourable' : 'unfavourable'} (report ${str(d.reportNumber)})${byEn}.` },
        ask: { vi: 'Đề nghị đồng chí xử lý bước tiếp theo.', en: 'Please take the next step.' }, extra };
    }
    case 'LegalAppraisalRecorded': {
      const ok = d.opinion === 'lawful';
      return { tag: { vi: 'Thẩm định pháp lý', en: 'Legal appraisal' },
        what: { vi: `Hồ sơ ${file} đã được thẩm định pháp lý: ${ok ? 'hợp pháp' : 'không hợp pháp'} (báo cáo số ${str(d.reportNumber)})${byVi}.`, en: `The file ${file} had its legal appraisal: ${ok ? 'lawful' : 'unlawful'} (report ${str(d.reportNumber)})${byEn}.` },
        ask: { vi: 'Đề nghị đồng chí xử lý bước tiếp theo.', en: 'Please take the next step.' }, extra };
    }
    case 'SubmittedToCouncil':
      return { tag: { vi: 'Trình HĐND', en: 'Sent to the council' },
        what: { vi: `Hồ sơ ${file} đã được trình Hội đồng nhân dân (tờ trình số ${str(d.submissionNumber)}, ngày ${formatDate(str(d.submittedOn)).vi})${byVi}.`, en: `The file ${file} was sent to the People's Council (submission ${str(d.submissionNumber)}, ${formatDate(str(d.submittedOn)).en})${byEn}.` },
        ask: { vi: 'Đề nghị đồng chí đưa vào kỳ họp và ghi nhận kết quả biểu quyết.', en: 'Please put it to a session and record the vote.' }, extra };
    case 'CouncilVoteRecorded': {
      const ok = d.outcome === 'approved';
      const tally = `${Number(d.votesFor)}/${Number(d.totalDelegates)}`;
      return { tag: { vi: 'Kết quả biểu quyết', en: 'Vote recorded' },
        what: { vi: `Hội đồng nhân dân ${ok ? 'đã thông qua' : 'không thông qua'} hồ sơ ${file} (${tally} đại biểu tán thành)${d.resolutionNumber ? `, nghị quyết số ${str(d.resolutionNumber)}` : ''}.`,
          en: `The People's Council ${ok ? 'approved' : 'did not approve'} ${file} (${tally} delegates in favour)${d.resolutionNumber ? `, resolution ${str(d.resolutionNumber)}` : ''}.` },
        ask: ok ? { vi: 'Đề nghị đồng chí xử lý bước tiếp theo.', en: 'Please take the next step.' } : { vi: 'Hồ sơ dừng tại đây.', en: 'The file stops here.' }, extra };
    }
    case 'DecisionMade': {
      const ok = d.outcome === 'approved';
      return { tag: { vi: 'Quyết định', en: 'Decided' },
        what: { vi: `Hồ sơ ${file} ${ok ? 'được chấp thuận' : 'không được chấp thuận'}${byVi}.`, en: `The file ${file} was ${ok ? 'approved' : 'not approved'}${byEn}.` },
        ask: ok ? { vi: 'Đề nghị đồng chí chuẩn bị ban hành văn bản.', en: 'Please prepare the document for issue.' } : { vi: 'Hồ sơ dừng tại đây.', en: 'The file stops here.' }, extra };
    }
    case 'DecisionIssued': {
      const from = formatDate(str(d.effectiveFrom));
      return { tag: { vi: 'Đã ban hành', en: 'Issued' },
        what: { vi: `Văn bản số ${str(d.documentNumber)} về hồ sơ ${file} đã được ban hành, có hiệu lực từ ngày ${from.vi}.`, en: `Document ${str(d.documentNumber)} on ${file} was issued, in effect from ${from.en}.` },
        ask: { vi: 'Đề nghị đồng chí tổ chức thực hiện và báo cáo theo quy định.', en: 'Please carry it out and report as required.' }, extra };
    }
    case 'FindingRaised': {
      const found = i.findings ?? [];
      return { tag: { vi: 'Phát hiện cần xử lý', en: 'Finding raised' },
        what: { vi: `Kiểm tra trách nhiệm giải trình phát hiện ${found.length} vấn đề ở hồ sơ ${file}.`, en: `The accountability checks raised ${plural(found.length, 'finding', 'findings')} on ${file}.` },
        ask: { vi: 'Đề nghị đồng chí xem xét và khắc phục.', en: 'Please look into them and put them right.' },
        extra: found.map((f) => ({ vi: `– ${oneLine(f.message.vi)}`, en: `– ${oneLine(f.message.en)}` })) };
    }
    default:
      throw new Error(`no hand-off notice for ${i.eventType}`);
  }
}

/** The notice of one hand-off: what happened, by whom, and what the recipient is asked to do. */
export function renderHandoff(input: HandoffInput): NotificationMessage {
  const kind = HANDOFF_KIND_OF[input.eventType];
  if (!kind) throw new Error(`no hand-off notice for ${input.eventType}`);
  const title = oneLine(input.title);
  const file = input.caseNumber ? `${oneLine(input.caseNumber)} «${title}»` : `«${title}»`;
  const w = wording(input, file);
  const subject: Text = { vi: `[${w.tag.vi}] ${file}`, en: `[${w.tag.en}] ${file}` };
  return compose({ ...input, data: undefined }, kind, input.id, subject, [w.what, ...w.extra, w.ask], {
    eventType: input.eventType, version: input.version, ...(input.caseNumber ? { caseNumber: input.caseNumber } : {}),
    ...(input.actorName ? { actorName: oneLine(input.actorName) } : {}),
  });
}
