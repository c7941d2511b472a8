// Test-only helpers (excluded from the build by tsconfig.build.json's **/testing/**).
import { specFor } from '@app/event-store/testing';
import type { Command, CommandType } from '../domain/commands.js';
import { decisionDecider } from '../domain/decider.js';
import type { DecisionEvent } from '../domain/events.js';
import { foldDecision } from '../domain/evolve.js';
import { initialDecisionState } from '../domain/initial-state.js';
import type { DecisionState } from '../domain/state.js';
import type { Actor, DecisionKind, ProposalContent, Role, Stage } from '../domain/types.js';
import type { WorkflowDefinition } from '../workflows/definition.js';
import { currentWorkflow, getWorkflow } from '../workflows/registry.js';

export const ID = 'd-0001';
export const NOW = '2026-04-20T03:00:00.000Z';
/** 2027-01-01 00:30 in Hà Nội: the first day after the sample ủy quyền period. */
export const AFTER_PERIOD = '2026-12-31T17:30:00.000Z';

export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export type DataMap = { [K in CommandType]: CommandOf<K>['data'] };

export function actor(role: Role): Actor {
  return { userId: `u-${role}`, role, bodyId: role === 'proposer' ? 'so-tai-chinh' : 'ubnd-tinh' };
}

export function content(kind: DecisionKind): ProposalContent {
  const base: ProposalContent = {
    title: 'Phân cấp cấp giấy phép xây dựng cho UBND cấp xã',
    delegatorBodyId: 'ubnd-tinh',
    delegateBodyId: 'ubnd-xa-long-duc',
    powerIds: ['xay-dung.cap-phep'],
    sector: 'xây dựng',
    legalBasis: ['Luật 72/2025/QH15 Điều 13'],
    resources: { budgetVnd: 500_000_000, staffPositions: 2, facilities: [] },
    conditions: [],
    justification: 'Giảm tầng nấc, rút ngắn thời gian giải quyết thủ tục',
    documents: [],
  };
  if (kind === 'phan-cap') return base;
  return {
    ...base,
    title: 'Ủy quyền Giám đốc Sở Xây dựng cấp giấy phép',
    legalBasis: ['Luật 72/2025/QH15 Điều 14'],
    period: { from: '2026-04-01', to: '2026-12-31' },
    conditions: ['Báo cáo kết quả hằng quý trước ngày 15 tháng cuối quý'],
  };
}

export function cmd<T extends CommandType>(type: T, data: DataMap[T], role: Role, now = NOW): CommandOf<T> {
  return { type, data, actor: actor(role), now } as CommandOf<T>;
}

/** Valid data for every command, so a refusal in a test is due only to what the test changed. */
export function validData<T extends CommandType>(type: T, kind: DecisionKind, version = 1): DataMap[T] {
  const all: DataMap = {
    propose: { ...content(kind), decisionId: ID, kind, proposerBodyId: 'so-tai-chinh', workflowVersion: version },
    'update-draft': { changes: { title: 'Tiêu đề đã sửa' } },
    submit: {},
    'assign-reviewer': { reviewerId: 'u-reviewer' },
    'request-revision': { reasons: ['Bổ sung đánh giá nguồn lực'] },
    resubmit: { changes: { justification: 'Đã bổ sung đánh giá năng lực' }, response: 'Đã bổ sung' },
    appraise: { opinion: 'favourable', reportNumber: '123/BC-SNV', summary: 'Đủ điều kiện' },
    'record-legal-appraisal': { opinion: 'lawful', reportNumber: '45/BC-STP' },
    'submit-to-council': { submissionNumber: '12/TTr-UBND', submittedOn: '2026-03-02' },
    'record-council-vote': {
      session: 'Kỳ họp thứ 10',
      sessionDate: '2026-03-20',
      resolutionNumber: '05/2026/NQ-HĐND',
      totalDelegates: 50,
      votesFor: 40,
      votesAgainst: 5,
      abstentions: 2,
    },
    decide: { outcome: 'approved', decidedBy: 'chairman' },
    issue: { documentNumber: '15/2026/QĐ-UBND', signer: 'Chủ tịch UBND tỉnh', signedOn: '2026-04-01', effectiveFrom: '2026-04-15' },
    amend: {
      documentNumber: '20/2026/QĐ-UBND',
      reason: 'Bổ sung điều kiện',
      effectiveFrom: '2026-06-01',
      changes: { conditions: ['Báo cáo hằng quý', 'Công khai kết quả'] },
    },
    revoke: { documentNumber: '30/2026/QĐ-UBND', reason: 'Không bảo đảm điều kiện', effectiveFrom: '2026-09-01' },
    withdraw: { reason: 'Không còn nhu cầu' },
    expire: {},
    reassign: { fromBodyId: 'ubnd-xa-long-duc', toBodyId: 'ubnd-xa-moi', effectiveFrom: '2026-07-01', documentNumber: '40/2026/QĐ-UBND', reason: 'Sắp xếp đơn vị hành chính' },
    'file-report': { period: '2026-Q2', summary: 'Đã cấp 120 giấy phép, đúng hạn 98%', documents: [{ title: 'Báo cáo quý II/2026', reference: '88/BC-UBND' }] },
    'record-evaluation': { year: 2026, result: 'effective', summary: 'Thực hiện hiệu quả', recommendations: ['Tiếp tục phân cấp'] },
    'record-findings': { found: [], checkedRuleIds: [] },
    'request-consultation': { bodyIds: ['so-tu-phap', 'so-xay-dung'], dueOn: '2026-05-04', subject: 'Dự thảo Nghị quyết phân cấp' },
    'record-opinion': { bodyId: 'so-tu-phap', opinion: 'agree-with-comments', summary: 'Đề nghị làm rõ điều kiện', reference: '12/STP-VB' },
    'close-consultation': {},
    'record-examination': { committee: 'Ban Pháp chế HĐND tỉnh', reportNumber: '25/BC-HĐND', conclusion: 'ready', summary: 'Đủ điều kiện trình kỳ họp' },
  };
  return all[type];
}

/** A command that passes every rule when run in a stage that allows it. */
export function validCommand<T extends CommandType>(type: T, kind: DecisionKind, role?: Role, version = 1): CommandOf<T> {
  const r = role ?? (getWorkflow(kind, version) ?? currentWorkflow(kind)).transitions.find((t) => t.command === type)?.roles[0] ?? 'admin';
  return cmd(type, validData(type, kind, version), r, type === 'expire' || type === 'close-consultation' ? AFTER_PERIOD : NOW);
}

export function drafted(kind: DecisionKind, version = 1): DecisionEvent {
  return {
    type: 'ProposalDrafted',
    data: { ...content(kind), decisionId: ID, kind, proposerBodyId: 'so-tai-chinh', workflow: { id: kind, version } },
  };
}

const ISSUED_DATA = { documentNumber: '15/2026/QĐ-UBND', signer: 'Chủ tịch UBND tỉnh', signedOn: '2026-04-01', effectiveFrom: '2026-04-15' };
const VOTE = { ...validData('record-council-vote', 'phan-cap'), outcome: 'approved' as const };

/** For each stage: the stage before it and the event that leads from there (v2: consultation first, then examination). */
function step(kind: DecisionKind, stage: Stage, version: number): [Stage | null, DecisionEvent] {
  const pc = kind === 'phan-cap';
  const v2 = version >= 2;
  const steps: Record<Stage, [Stage | null, DecisionEvent]> = {
    draft: [null, drafted(kind, version)],
    'in-consultation': ['draft', { type: 'ConsultationRequested', data: { round: 1, bodyIds: ['so-tu-phap', 'so-xay-dung'], dueOn: '2026-05-04', subject: 'Dự thảo' } }],
    consulted: ['in-consultation', { type: 'ConsultationClosed', data: { round: 1, closedBy: 'deadline', answered: [], missing: ['so-tu-phap', 'so-xay-dung'] } }],
    'in-examination': ['appraised', { type: 'SubmittedToCouncil', data: { submissionNumber: '3', submittedOn: '2026-03-02' } }],
    submitted: [v2 ? 'consulted' : 'draft', { type: 'ProposalSubmitted', data: {} }],
    'in-appraisal': ['submitted', { type: 'ReviewerAssigned', data: { reviewerId: 'u-reviewer' } }],
    'revision-requested': ['in-appraisal', { type: 'RevisionRequested', data: { round: 1, reasons: ['Bổ sung'] } }],
    'legal-appraisal': ['in-appraisal', { type: 'AppraisalCompleted', data: { opinion: 'favourable', reportNumber: '1', summary: 'ok' } }],
    appraised: pc
      ? ['legal-appraisal', { type: 'LegalAppraisalRecorded', data: { opinion: 'lawful', reportNumber: '2' } }]
      : ['in-appraisal', { type: 'AppraisalCompleted', data: { opinion: 'favourable', reportNumber: '1', summary: 'ok' } }],
    'awaiting-council': v2
      ? ['in-examination', { type: 'ExaminationCompleted', data: { committee: 'Ban Pháp chế', reportNumber: '25/BC-HĐND', conclusion: 'ready', summary: 'Đủ điều kiện' } }]
      : ['appraised', { type: 'SubmittedToCouncil', data: { submissionNumber: '3', submittedOn: '2026-03-02' } }],
    approved: pc
      ? ['awaiting-council', { type: 'CouncilVoteRecorded', data: VOTE }]
      : ['appraised', { type: 'DecisionMade', data: { outcome: 'approved', decidedBy: 'chairman' } }],
    issued: ['approved', { type: 'DecisionIssued', data: pc ? ISSUED_DATA : { ...ISSUED_DATA, effectiveTo: '2026-12-31' } }],
    rejected: ['in-appraisal', { type: 'AppraisalCompleted', data: { opinion: 'unfavourable', reportNumber: '1', summary: 'no', reasons: ['Trùng thẩm quyền'] } }],
    withdrawn: ['draft', { type: 'ProposalWithdrawn', data: { reason: 'Không còn nhu cầu' } }],
    revoked: ['issued', { type: 'DecisionRevoked', data: { documentNumber: '30', reason: 'x', effectiveFrom: '2026-09-01' } }],
    expired: ['issued', { type: 'DelegationExpired', data: { expiredOn: '2026-12-31' } }],
  };
  return steps[stage];
}

/** The events that bring a decision of this kind into `stage` along the shortest ordinary path. */
export function eventsTo(kind: DecisionKind, stage: Stage, version = 1): DecisionEvent[] {
  const [prev, event] = step(kind, stage, version);
  return prev === null ? [event] : [...eventsTo(kind, prev, version), event];
}

/** When the i-th given event happened: one minute apart from 2026-01-05 02:00 UTC. */
const givenAt = (i: number) => new Date(Date.UTC(2026, 0, 5, 2, i)).toISOString();

/** Given: fold events with one minute between them. */
export function given(events: DecisionEvent[]): DecisionState {
  if (events.length === 0) return initialDecisionState(ID);
  return foldDecision(
    ID,
    events.map((event, i) => ({ event, occurredAt: givenAt(i), version: i + 1 })),
  );
}

/**
 * Given events / When command / Then events or refusal, through the decision decider (which picks
 * the workflow as the command handler does). Given events are timed as `given` times them; the new
 * events get the command's `now`, as the handler stamps them.
 */
export const decision = specFor(decisionDecider, { streamId: ID, at: givenAt, decidedAt: (c) => c.now });

export function stagesOf(workflow: WorkflowDefinition): Stage[] {
  return Object.keys(workflow.stages) as Stage[];
}
