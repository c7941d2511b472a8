import type { Stage } from '../../domain/types.js';
import type { StageDefinition, TransitionDefinition } from '../../workflows/definition.js';

/**
 * Stages and transitions both workflows share. Each workflow picks the stages it uses, so a
 * phân cấp never shows an "expired" stage and an ủy quyền never shows the HĐND stages.
 * Time limits are in working days (ngày làm việc), counted by the calendar outside the domain.
 */
export const STAGE_LIBRARY: Partial<Record<Stage, StageDefinition>> = {
  draft: { label: { vi: 'Dự thảo', en: 'Draft' } },
  submitted: { label: { vi: 'Đã gửi', en: 'Submitted' }, timeLimitWorkingDays: 2 },
  'in-appraisal': { label: { vi: 'Đang thẩm định', en: 'In appraisal' }, timeLimitWorkingDays: 15 },
  // The proposer holds the file while revising: the appraisal clock stops (it is not their deadline to miss).
  'revision-requested': {
    label: { vi: 'Yêu cầu bổ sung, chỉnh sửa', en: 'Revision requested' },
    timeLimitWorkingDays: 10,
    clockStopped: true,
  },
  'legal-appraisal': { label: { vi: 'Thẩm định pháp lý', en: 'Legal appraisal' }, timeLimitWorkingDays: 10 },
  appraised: { label: { vi: 'Đã thẩm định', en: 'Appraised' }, timeLimitWorkingDays: 5 },
  'awaiting-council': { label: { vi: 'Chờ HĐND biểu quyết', en: 'Awaiting council vote' }, timeLimitWorkingDays: 30 },
  approved: { label: { vi: 'Đã thông qua', en: 'Approved' }, timeLimitWorkingDays: 10 },
  // In effect: no time limit, but not terminal (it can still be amended, revoked or expire).
  issued: { label: { vi: 'Đã ban hành', en: 'Issued' } },
  rejected: { label: { vi: 'Không chấp thuận', en: 'Rejected' }, terminal: true },
  withdrawn: { label: { vi: 'Đã rút', en: 'Withdrawn' }, terminal: true },
  revoked: { label: { vi: 'Đã thu hồi', en: 'Revoked' }, terminal: true },
  expired: { label: { vi: 'Hết hiệu lực', en: 'Expired' }, terminal: true },
};

export function pickStages(stages: readonly Stage[]): Partial<Record<Stage, StageDefinition>> {
  return Object.fromEntries(stages.map((s) => [s, STAGE_LIBRARY[s]!]));
}

/** Pre-issuance, non-terminal stages of a workflow: where the proposer may still withdraw. */
export function withdrawableStages(stages: readonly Stage[]): Stage[] {
  return stages.filter((s) => s !== 'issued' && !STAGE_LIBRARY[s]!.terminal);
}

/** The proposal and Sở Nội vụ appraisal part, identical for both kinds. */
export function proposalTransitions(afterFavourable: Stage): TransitionDefinition[] {
  return [
    { command: 'propose', from: [], to: ['draft'], roles: ['proposer'], label: { vi: 'Đề xuất', en: 'Propose' } },
    {
      command: 'update-draft',
      from: ['draft'],
      to: ['draft'],
      roles: ['proposer'],
      label: { vi: 'Cập nhật dự thảo', en: 'Update draft' },
    },
    { command: 'submit', from: ['draft'], to: ['submitted'], roles: ['proposer'], label: { vi: 'Gửi thẩm định', en: 'Submit' } },
    {
      command: 'assign-reviewer',
      from: ['submitted', 'in-appraisal'],
      to: ['in-appraisal'],
      roles: ['reviewer-lead'],
      label: { vi: 'Phân công thẩm định', en: 'Assign reviewer' },
    },
    {
      command: 'request-revision',
      from: ['in-appraisal'],
      to: ['revision-requested'],
      roles: ['reviewer', 'reviewer-lead'],
      label: { vi: 'Yêu cầu bổ sung, chỉnh sửa', en: 'Request revision' },
    },
    {
      command: 'resubmit',
      from: ['revision-requested'],
      to: ['in-appraisal'],
      roles: ['proposer'],
      label: { vi: 'Gửi lại hồ sơ', en: 'Resubmit' },
    },
    {
      command: 'appraise',
      from: ['in-appraisal'],
      to: [afterFavourable, 'rejected'],
      roles: ['reviewer', 'reviewer-lead'],
      label: { vi: 'Ý kiến thẩm định', en: 'Appraise' },
    },
  ];
}

/** Issuance and life in effect, identical for both kinds. */
export const ISSUANCE_TRANSITIONS: TransitionDefinition[] = [
  { command: 'issue', from: ['approved'], to: ['issued'], roles: ['committee-office'], label: { vi: 'Ban hành', en: 'Issue' } },
  { command: 'amend', from: ['issued'], to: ['issued'], roles: ['committee-office'], label: { vi: 'Sửa đổi, bổ sung', en: 'Amend' } },
  { command: 'revoke', from: ['issued'], to: ['revoked'], roles: ['committee-office'], label: { vi: 'Thu hồi', en: 'Revoke' } },
  {
    // After a body is merged or abolished (1 July 2025), its delegations move to the successor.
    command: 'reassign',
    from: ['issued'],
    to: ['issued'],
    roles: ['admin', 'system'],
    label: { vi: 'Giao lại cho cơ quan kế thừa', en: 'Re-assign to the successor body' },
  },
];

/**
 * Accountability while in effect, identical for both kinds: the delegate reports each quarter
 * (seed 003) and Sở Nội vụ evaluates each year (seed 000, task 7). Neither changes the stage.
 */
export const ACCOUNTABILITY_TRANSITIONS: TransitionDefinition[] = [
  {
    command: 'file-report',
    from: ['issued'],
    to: ['issued'],
    roles: ['proposer'],
    label: { vi: 'Nộp báo cáo kết quả thực hiện', en: 'File implementation report' },
  },
  {
    command: 'record-evaluation',
    from: ['issued'],
    to: ['issued'],
    roles: ['reviewer', 'reviewer-lead'],
    label: { vi: 'Ghi nhận kết quả đánh giá hằng năm', en: 'Record yearly evaluation' },
  },
];

export function withdrawTransition(stages: readonly Stage[]): TransitionDefinition {
  return {
    command: 'withdraw',
    from: withdrawableStages(stages),
    to: ['withdrawn'],
    roles: ['proposer'],
    label: { vi: 'Rút đề xuất', en: 'Withdraw' },
  };
}
