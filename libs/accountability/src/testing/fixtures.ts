// Test-only helpers (excluded from the build by tsconfig.build.json's **/testing/**).
import {
  evolve,
  foldDecision,
  type DecisionEvent,
  type DecisionKind,
  type DecisionState,
  type IsoDate,
  type ProposalContent,
  type Stage,
} from '@app/delegation';
import { reconcileFindings } from '../reconcile.js';
import { runChecks } from '../rules/index.js';
import { DEFAULT_CHECK_SETTINGS } from '../settings.js';
import type { AccountabilityRule, BodyInfo, CheckContext, DelegationSummary, LegalDocumentInfo, PowerInfo } from '../domain/types.js';

export const DECISION_ID = 'd-acc-1';
export const PROVINCE = 'tra-vinh';
export const TODAY = '2026-04-20';

const body = (id: string, nameVi: string, level: BodyInfo['level'], type: BodyInfo['type'], parentId: string | null, extra: Partial<BodyInfo> = {}): BodyInfo => ({
  id, nameVi, level, type, parentId, provinceId: PROVINCE, status: 'active', ...extra,
});

export const BODIES: Record<string, BodyInfo> = Object.fromEntries(
  [
    body('hdnd-tinh', 'HĐND tỉnh Trà Vinh', 'province', 'hdnd', null),
    body('ubnd-tinh', 'UBND tỉnh Trà Vinh', 'province', 'ubnd', null),
    body('chu-tich-ubnd-tinh', 'Chủ tịch UBND tỉnh', 'province', 'chairman', 'ubnd-tinh'),
    body('so-xay-dung', 'Sở Xây dựng', 'province', 'so', 'ubnd-tinh'),
    body('so-noi-vu', 'Sở Nội vụ', 'province', 'so', 'ubnd-tinh'),
    body('ttpt-quy-dat', 'Trung tâm Phát triển quỹ đất tỉnh', 'province', 'public-service-unit', 'ubnd-tinh'),
    body('ubnd-xa-long-duc', 'UBND xã Long Đức', 'commune', 'ubnd', 'ubnd-tinh'),
    body('chu-tich-ubnd-xa-long-duc', 'Chủ tịch UBND xã Long Đức', 'commune', 'chairman', 'ubnd-xa-long-duc'),
    body('ubnd-xa-hoa-thuan', 'UBND xã Hòa Thuận', 'commune', 'ubnd', 'ubnd-tinh'),
    body('ubnd-huyen-cang-long', 'UBND huyện Càng Long', 'district', 'ubnd', 'ubnd-tinh', { status: 'abolished', endedOn: '2025-07-01', successorId: 'ubnd-xa-hoa-thuan' }),
    body('phong-kt-ht-cang-long', 'Phòng Kinh tế và Hạ tầng huyện Càng Long', 'district', 'phong', 'ubnd-huyen-cang-long'),
    body('ubnd-xa-an-truong', 'UBND xã An Trường', 'commune', 'ubnd', 'ubnd-tinh', { status: 'merged', endedOn: '2025-07-01', successorId: 'ubnd-xa-hoa-thuan' }),
    { ...body('ubnd-tinh-vinh-long', 'UBND tỉnh Vĩnh Long', 'province', 'ubnd', null), provinceId: 'vinh-long' },
    { ...body('ubnd-xa-vinh-long', 'UBND phường 1 (Vĩnh Long)', 'commune', 'ubnd', 'ubnd-tinh-vinh-long'), provinceId: 'vinh-long' },
  ].map((b) => [b.id, b]),
);

export const POWERS: Record<string, PowerInfo> = {
  'xay-dung.cap-phep': { id: 'xay-dung.cap-phep', titleVi: 'Cấp giấy phép xây dựng', sector: 'xây dựng', legalHolderBodyId: 'ubnd-tinh', delegable: true, legalSource: 'Luật Xây dựng' },
  'dat-dai.dang-ky': { id: 'dat-dai.dang-ky', titleVi: 'Đăng ký biến động đất đai', sector: 'đất đai', legalHolderBodyId: 'ubnd-tinh', delegable: true, legalSource: 'Luật Đất đai' },
  'quy-hoach.phe-duyet': { id: 'quy-hoach.phe-duyet', titleVi: 'Phê duyệt quy hoạch tỉnh (mẫu)', sector: 'quy hoạch', legalHolderBodyId: 'ubnd-tinh', delegable: false, legalSource: 'Danh mục mẫu cho kiểm thử' },
};

export const LEGAL_DOCUMENTS: LegalDocumentInfo[] = [
  { number: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương 2015', inForceFrom: '2016-01-01', inForceUntil: '2025-03-01' },
  { number: '65/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương 2025', inForceFrom: '2025-03-01', inForceUntil: '2025-06-16' },
  { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương 2025 (sửa đổi)', inForceFrom: '2025-06-16', inForceUntil: null },
  { number: '04/NQ-CP', title: 'Nghị quyết về đẩy mạnh phân cấp, phân quyền', inForceFrom: '2022-01-10', inForceUntil: null },
];

export function proposal(kind: DecisionKind, over: Partial<ProposalContent> = {}): ProposalContent {
  const base: ProposalContent =
    kind === 'phan-cap'
      ? {
          title: 'Phân cấp cấp giấy phép xây dựng cho UBND xã Long Đức',
          delegatorBodyId: 'ubnd-tinh',
          delegateBodyId: 'ubnd-xa-long-duc',
          powerIds: ['xay-dung.cap-phep'],
          sector: 'xây dựng',
          legalBasis: ['Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13', 'Nghị quyết số 04/NQ-CP'],
          resources: { budgetVnd: 500_000_000, staffPositions: 2, facilities: [] },
          conditions: [],
          justification: 'Giảm tầng nấc',
          documents: [],
        }
      : {
          title: 'Ủy quyền Sở Xây dựng cấp giấy phép xây dựng',
          delegatorBodyId: 'ubnd-tinh',
          delegateBodyId: 'so-xay-dung',
          powerIds: ['xay-dung.cap-phep'],
          sector: 'xây dựng',
          legalBasis: ['Luật số 72/2025/QH15, Điều 14'],
          resources: { budgetVnd: 0, staffPositions: 0, facilities: [] },
          period: { from: '2026-01-01', to: '2026-12-31' },
          conditions: ['Báo cáo hằng quý trước ngày 15 tháng cuối quý'],
          justification: 'Rút ngắn thời gian giải quyết',
          documents: [],
        };
  return { ...base, ...over };
}

export interface DecisionOptions {
  content?: Partial<ProposalContent>;
  /** Issuance dates; for ủy quyền effectiveTo follows the period's end. */
  signedOn?: IsoDate;
  effectiveFrom?: IsoDate;
  /** Events appended after reaching the stage. */
  then?: DecisionEvent[];
}

const PATH: Stage[] = ['draft', 'submitted', 'in-appraisal', 'appraised', 'approved', 'issued', 'revoked', 'expired'];

/** A decision folded from an ordinary event path into `stage` (revoked and expired come after issued), then `opts.then`. */
export function decisionState(kind: DecisionKind, stage: Stage, opts: DecisionOptions = {}): DecisionState {
  const content = proposal(kind, opts.content);
  const pc = kind === 'phan-cap';
  const effectiveFrom = opts.effectiveFrom ?? (pc ? '2026-01-15' : content.period?.from ?? '2026-01-15');
  const signedOn = opts.signedOn ?? (effectiveFrom < '2026-01-10' ? effectiveFrom : '2026-01-10');
  const steps: Record<string, DecisionEvent[]> = {
    draft: [{ type: 'ProposalDrafted', data: { ...content, decisionId: DECISION_ID, kind, proposerBodyId: 'so-xay-dung', workflow: { id: kind, version: 1 } } }],
    submitted: [{ type: 'ProposalSubmitted', data: {} }],
    'in-appraisal': [{ type: 'ReviewerAssigned', data: { reviewerId: 'u-reviewer' } }],
    appraised: pc
      ? [
          { type: 'AppraisalCompleted', data: { opinion: 'favourable', reportNumber: '1/BC-SNV', summary: 'Đủ điều kiện' } },
          { type: 'LegalAppraisalRecorded', data: { opinion: 'lawful', reportNumber: '2/BC-STP' } },
        ]
      : [{ type: 'AppraisalCompleted', data: { opinion: 'favourable', reportNumber: '1/BC-SNV', summary: 'Đủ điều kiện' } }],
    approved: pc
      ? [
          { type: 'SubmittedToCouncil', data: { submissionNumber: '3/TTr-UBND', submittedOn: '2025-12-01' } },
          {
            type: 'CouncilVoteRecorded',
            data: { session: 'Kỳ họp thứ 20', sessionDate: signedOn < '2025-12-20' ? signedOn : '2025-12-20', totalDelegates: 50, votesFor: 40, votesAgainst: 5, abstentions: 2, outcome: 'approved' },
          },
        ]
      : [{ type: 'DecisionMade', data: { outcome: 'approved', decidedBy: 'chairman' } }],
    issued: [
      {
        type: 'DecisionIssued',
        data: {
          documentNumber: '15/2026/QĐ-UBND',
          signer: 'Chủ tịch UBND tỉnh',
          signedOn,
          effectiveFrom,
          ...(!pc && content.period && { effectiveTo: content.period.to }),
        },
      },
    ],
    revoked: [{ type: 'DecisionRevoked', data: { documentNumber: '30/2026/QĐ-UBND', reason: 'Thu hồi', effectiveFrom: '2026-09-01' } }],
    expired: [{ type: 'DelegationExpired', data: { expiredOn: content.period?.to ?? '2026-12-31' } }],
  };
  if (!PATH.includes(stage)) throw new Error(`decisionState: reach ${stage} with \`then\` events from a stage of ${PATH.join(', ')}`);
  const upTo = stage === 'expired' ? [...PATH.slice(0, 6), 'expired'] : PATH.slice(0, PATH.indexOf(stage) + 1);
  const events = [...upTo.flatMap((s) => steps[s]!), ...(opts.then ?? [])];
  return foldDecision(
    DECISION_ID,
    events.map((event, i) => ({ event, occurredAt: new Date(Date.UTC(2025, 11, 1, 2, i)).toISOString(), version: i + 1 })),
  );
}

/** Applies events to a state, as the event store would on append. */
export function apply(state: DecisionState, events: DecisionEvent[], occurredAt = `${TODAY}T03:00:00.000Z`): DecisionState {
  return events.reduce((s, e) => evolve(s, e, { occurredAt, version: s.version + 1 }), state);
}

export function context(decision: DecisionState, over: Partial<CheckContext> = {}): CheckContext {
  const today = over.today ?? TODAY;
  return {
    now: `${today}T03:00:00.000Z`,
    today,
    decision,
    others: [],
    bodies: BODIES,
    powers: POWERS,
    legalDocuments: LEGAL_DOCUMENTS,
    delegateRecord: { stagesFinished: 0, stagesLate: 0, reportsDue: 0, reportsLate: 0 },
    settings: DEFAULT_CHECK_SETTINGS,
    ...over,
  };
}

export function other(id: string, over: Partial<DelegationSummary> = {}): DelegationSummary {
  return {
    id,
    kind: 'phan-cap',
    stage: 'issued',
    delegatorBodyId: 'ubnd-tinh',
    delegateBodyId: 'ubnd-xa-hoa-thuan',
    powerIds: ['xay-dung.cap-phep'],
    validFrom: '2025-09-01',
    validTo: null,
    ...over,
  };
}

/** Runs the given rules on a context and records what they raise on the decision, as the worker does. */
export function checkAndRecord(ctx: CheckContext, rules: readonly AccountabilityRule[]) {
  const { findings, checkedRuleIds } = runChecks(ctx, rules);
  const events = reconcileFindings(ctx.decision, findings, checkedRuleIds);
  return { findings, checkedRuleIds, events, state: apply(ctx.decision, events, ctx.now) };
}

/**
 * Given a context in which the rule finds something: records the findings, then runs the rule again on
 * the context `fix` builds from the recorded state. Returns the findings raised and the events of the rerun.
 */
export function raiseThenFix(rule: AccountabilityRule, before: CheckContext, fix: (recorded: DecisionState) => CheckContext) {
  const first = checkAndRecord(before, [rule]);
  const after = fix(first.state);
  const second = checkAndRecord(after, [rule]);
  return { raised: first.events, rerun: second.events, after: second.state };
}
