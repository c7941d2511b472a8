import type { Text } from '@app/delegation';
import { ACCOUNTABILITY_RULES } from './index.js';

/** What a person reads of a rule: its title, and what puts a finding of it right. */
export interface RuleGuide {
  title: Text;
  resolve: Text;
}

export const RULE_GUIDES: Record<string, RuleGuide> = {
  'at-most-two-levels': {
    title: { vi: 'Không quá hai cấp cùng quản lý một việc', en: 'At most two levels manage one task' },
    resolve: { vi: 'Thu hồi hoặc điều chỉnh việc giao cho cấp trung gian để chỉ còn hai cấp cùng quản lý.', en: 'Revoke or change the delegation to the intermediate level so that only two levels remain.' },
  },
  'council-approval-before-issuance': {
    title: { vi: 'Phân cấp phải có Nghị quyết HĐND trước khi ban hành', en: "A phân cấp needs the council's resolution before issue" },
    resolve: { vi: 'Ghi nhận Nghị quyết của HĐND thông qua, hoặc thu hồi văn bản đã ban hành.', en: "Record the council's approving resolution, or revoke the issued document." },
  },
  'delegate-body-reorganised': {
    title: { vi: 'Cơ quan nhận đã sáp nhập hoặc giải thể', en: 'The receiving body was merged or abolished' },
    resolve: { vi: 'Giao lại nhiệm vụ, quyền hạn cho cơ quan kế thừa (chuyển giao) hoặc thu hồi quyết định.', en: 'Reassign the powers to the successor body, or revoke the decision.' },
  },
  'delegate-capacity': {
    title: { vi: 'Năng lực của cơ quan nhận', en: "The receiving body's capacity" },
    resolve: { vi: 'Đánh giá lại năng lực, bổ sung nguồn lực; phát hiện tự đóng khi tỷ lệ chậm hạn giảm dưới ngưỡng.', en: 'Review capacity and add resources; it closes once the late share falls below the threshold.' },
  },
  'legal-basis-in-force': {
    title: { vi: 'Căn cứ pháp lý còn hiệu lực', en: 'Legal basis in force' },
    resolve: { vi: 'Sửa căn cứ pháp lý, dẫn văn bản đang có hiệu lực vào ngày quyết định có hiệu lực.', en: 'Cite legal texts in force on the effective date.' },
  },
  'no-pass-on': {
    title: { vi: 'Không phân cấp, ủy quyền tiếp', en: 'No passing on' },
    resolve: { vi: 'Bỏ nhiệm vụ, quyền hạn đã nhận do phân cấp, ủy quyền khỏi hồ sơ.', en: 'Remove the powers received by delegation from the proposal.' },
  },
  'one-power-one-holder': {
    title: { vi: 'Một nhiệm vụ, quyền hạn chỉ một cơ quan nắm giữ', en: 'One power, one holder' },
    resolve: { vi: 'Điều chỉnh thời hạn để không trùng nhau, bỏ nhiệm vụ, quyền hạn trùng, hoặc thu hồi quyết định kia.', en: 'Change the periods so they do not overlap, drop the shared power, or revoke the other decision.' },
  },
  'permitted-pair-and-delegable': {
    title: { vi: 'Chủ thể và nhiệm vụ được phép phân cấp, ủy quyền', en: 'Permitted bodies and delegable powers' },
    resolve: { vi: 'Chọn cơ quan nhận thuộc trường hợp luật cho phép, hoặc bỏ nhiệm vụ, quyền hạn không được giao.', en: 'Choose a receiving body the law permits, or drop the powers that cannot be delegated.' },
  },
  'quarterly-report-due': {
    title: { vi: 'Báo cáo kết quả thực hiện hằng quý', en: 'Quarterly implementation report' },
    resolve: { vi: 'Nộp báo cáo kết quả thực hiện của quý còn thiếu.', en: "File the missing quarter's implementation report." },
  },
  'resources-go-with-phan-cap': {
    title: { vi: 'Phân cấp đi đôi với nguồn lực', en: 'Resources go with a phân cấp' },
    resolve: { vi: 'Bổ sung kinh phí, biên chế, cơ sở vật chất chuyển giao, hoặc nêu rõ lý do không cần.', en: 'Add the budget, staff and facilities transferred, or say why none are needed.' },
  },
  'transition-lapse-2027': {
    title: { vi: 'Văn bản thời kỳ chuyển tiếp hết hiệu lực 01/3/2027', en: 'Transition-era documents lapse on 1 Mar 2027' },
    resolve: { vi: 'Ban hành văn bản thay thế trước ngày 01/3/2027.', en: 'Issue a replacement before 1 Mar 2027.' },
  },
  'uy-quyen-ending': {
    title: { vi: 'Ủy quyền sắp hết thời hạn', en: 'Authorisation ending' },
    resolve: { vi: 'Trình gia hạn hoặc ban hành văn bản ủy quyền mới; phát hiện tự đóng khi hết hạn.', en: 'Propose an extension or issue a new authorisation; it closes when the period ends.' },
  },
  'uy-quyen-period-conditions-no-chain': {
    title: { vi: 'Ủy quyền có thời hạn, điều kiện, không ủy quyền tiếp', en: 'Authorisation has a period and conditions, no chain' },
    resolve: { vi: 'Bổ sung thời hạn và điều kiện thực hiện, bỏ nội dung ủy quyền tiếp.', en: 'Add the period and conditions; remove any onward authorisation.' },
  },
  'yearly-evaluation': {
    title: { vi: 'Đánh giá hằng năm', en: 'Yearly evaluation' },
    resolve: { vi: 'Ghi nhận kết quả đánh giá của năm.', en: "Record the year's evaluation." },
  },
};

export interface RuleDescription extends RuleGuide {
  id: string;
  /** The legal text or seed document it comes from. */
  source: string;
}

/** A rule by its id as people read it; an unknown id is named as such (never a bare id as a title). */
export function describeRule(ruleId: string): RuleDescription {
  const rule = ACCOUNTABILITY_RULES.find((r) => r.id === ruleId);
  const guide = RULE_GUIDES[ruleId];
  return {
    id: ruleId,
    title: guide?.title ?? rule?.message ?? { vi: `Quy tắc ${ruleId}`, en: `Rule ${ruleId}` },
    source: rule?.source ?? '',
    resolve: guide?.resolve ?? { vi: 'Khắc phục điều kiện nêu trong phát hiện.', en: 'Put right the condition the finding names.' },
  };
}

const SEVERITY_RANK: Record<string, number> = { violation: 3, warning: 2, info: 1 };

/** Findings grouped by rule, worst open severity first: one card per rule, not one per finding. */
export function groupFindingsByRule<F extends { ruleId: string; severity: string; open: boolean }>(items: readonly F[]) {
  const groups = new Map<string, F[]>();
  for (const f of items) groups.set(f.ruleId, [...(groups.get(f.ruleId) ?? []), f]);
  return [...groups.entries()]
    .map(([ruleId, found]) => {
      const open = found.filter((f) => f.open);
      const severity = (open.length ? open : found).reduce((w, f) => ((SEVERITY_RANK[f.severity] ?? 0) > (SEVERITY_RANK[w] ?? 0) ? f.severity : w), 'info');
      return { rule: describeRule(ruleId), severity, openCount: open.length, items: found };
    })
    .sort((a, b) => (b.openCount > 0 ? 1 : 0) - (a.openCount > 0 ? 1 : 0) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.id.localeCompare(b.rule.id));
}
