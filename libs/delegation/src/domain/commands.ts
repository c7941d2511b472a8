import type { EvaluationDetails, EvaluationRef, FindingRaised } from './events.js';
import type { Actor, DecisionKind, DocumentRef, IsoDate, IsoInstant, ProposalContent } from './types.js';

/** Every command carries who runs it and when; the domain never reads the clock or generates ids. */
interface Base<T extends string, D> {
  type: T;
  data: D;
  actor: Actor;
  now: IsoInstant;
}

/** The caller generates decisionId (the domain makes no ids); it becomes the stream id. */
export type Propose = Base<
  'propose',
  ProposalContent & {
    decisionId: string;
    kind: DecisionKind;
    proposerBodyId: string;
    workflowVersion: number;
    /** The readable case number (PC-2026-0012), the next of its province, kind and year: given, like the id. */
    caseNumber?: string;
  }
>;
export type UpdateDraft = Base<'update-draft', { changes: Partial<ProposalContent> }>;
export type Submit = Base<'submit', Record<string, never>>;
export type AssignReviewer = Base<'assign-reviewer', { reviewerId: string; note?: string }>;
export type RequestRevision = Base<'request-revision', { reasons: string[]; note?: string }>;
/** A resubmission may answer without changing the content (`changes` absent). */
export type Resubmit = Base<'resubmit', { changes?: Partial<ProposalContent>; response: string }>;
export type Appraise = Base<
  'appraise',
  { opinion: 'favourable' | 'unfavourable'; reportNumber: string; summary: string; reasons?: string[] }
>;
export type RecordLegalAppraisal = Base<
  'record-legal-appraisal',
  { opinion: 'lawful' | 'unlawful'; reportNumber: string; notes?: string; reasons?: string[] }
>;
export type SubmitToCouncil = Base<'submit-to-council', { submissionNumber: string; submittedOn: IsoDate }>;
export type RecordCouncilVote = Base<
  'record-council-vote',
  {
    session: string;
    sessionDate: IsoDate;
    resolutionNumber?: string;
    totalDelegates: number;
    votesFor: number;
    votesAgainst: number;
    abstentions: number;
    reasons?: string[];
  }
>;
export type Decide = Base<
  'decide',
  { outcome: 'approved' | 'rejected'; decidedBy: 'committee' | 'chairman'; reasons?: string[] }
>;
export type Issue = Base<
  'issue',
  { documentNumber: string; signer: string; signedOn: IsoDate; effectiveFrom: IsoDate }
>;
export type Amend = Base<
  'amend',
  { documentNumber: string; reason: string; effectiveFrom: IsoDate; changes: Partial<ProposalContent>; evaluationRef?: EvaluationRef }
>;
/** `evaluationRef`: the yearly evaluation that recommended it (it must have recommended this command). */
export type Revoke = Base<'revoke', { documentNumber: string; reason: string; effectiveFrom: IsoDate; evaluationRef?: EvaluationRef }>;
export type Withdraw = Base<'withdraw', { reason: string }>;
export type Expire = Base<'expire', Record<string, never>>;
/**
 * Re-assigns a delegation in effect from a body that was merged or abolished (the 1 July 2025
 * reorganisation) to its successor, from `effectiveFrom`: the delegate, the delegator, or both.
 */
export type Reassign = Base<
  'reassign',
  { fromBodyId: string; toBodyId: string; effectiveFrom: IsoDate; documentNumber: string; reason: string }
>;
/** The delegate files its implementation report for a quarter, `period` as "YYYY-Qn" (e.g. "2026-Q2"). */
export type FileReport = Base<'file-report', { period: string; summary: string; documents: DocumentRef[] }>;
/** Sở Nội vụ records the yearly evaluation of a delegation in effect. */
export type RecordEvaluation = Base<
  'record-evaluation',
  EvaluationDetails & { year: number; result: 'effective' | 'needs-adjustment' | 'ineffective'; summary: string; recommendations?: string[] }
>;

/**
 * The drafting body asks the bodies concerned for their opinion (lấy ý kiến), all in parallel, by `dueOn`
 * (a date in Asia/Ho_Chi_Minh: answers are due by the end of that day).
 */
export type RequestConsultation = Base<'request-consultation', { bodyIds: string[]; dueOn: IsoDate; subject: string }>;
export type ConsultationOpinion = 'agree' | 'agree-with-comments' | 'disagree';
/** A consulted body's written answer, recorded as received. */
export type RecordOpinion = Base<'record-opinion', { bodyId: string; opinion: ConsultationOpinion; summary: string; reference?: string }>;
/** Closes a consultation whose deadline has passed, recording the bodies that did not answer (the worker runs it). */
export type CloseConsultation = Base<'close-consultation', Record<string, never>>;
/** A committee (Ban) of the HĐND reports on its examination (thẩm tra) of the draft resolution. */
export type RecordExamination = Base<
  'record-examination',
  { committee: string; reportNumber: string; conclusion: 'ready' | 'not-ready'; summary: string; reasons?: string[] }
>;

/** What one run of the accountability checks found (libs/accountability): a finding before it has its id. */
export type CheckedFinding = Omit<FindingRaised['data'], 'findingId'>;
export type RecordFindings = Base<'record-findings', { found: CheckedFinding[]; checkedRuleIds: string[] }>;

export type Command =
  | Propose
  | UpdateDraft
  | Submit
  | AssignReviewer
  | RequestRevision
  | Resubmit
  | Appraise
  | RecordLegalAppraisal
  | SubmitToCouncil
  | RecordCouncilVote
  | Decide
  | Issue
  | Amend
  | Revoke
  | Withdraw
  | Expire
  | Reassign
  | FileReport
  | RecordEvaluation
  | RequestConsultation
  | RecordOpinion
  | CloseConsultation
  | RecordExamination
  | RecordFindings;

export type CommandType = Command['type'];

export const COMMAND_TYPES: readonly CommandType[] = [
  'propose',
  'update-draft',
  'submit',
  'assign-reviewer',
  'request-revision',
  'resubmit',
  'appraise',
  'record-legal-appraisal',
  'submit-to-council',
  'record-council-vote',
  'decide',
  'issue',
  'amend',
  'revoke',
  'withdraw',
  'expire',
  'reassign',
  'file-report',
  'record-evaluation',
  'request-consultation',
  'record-opinion',
  'close-consultation',
  'record-examination',
  'record-findings',
];

/** The system's own commands, in any stage: not steps of a workflow, so no definition lists them. */
export const SYSTEM_COMMAND_TYPES: readonly CommandType[] = ['record-findings'];

/** The commands a workflow definition assigns to stages and roles. */
export const WORKFLOW_COMMAND_TYPES: readonly CommandType[] = COMMAND_TYPES.filter((c) => !SYSTEM_COMMAND_TYPES.includes(c));

export type CommandData<K extends CommandType> = Extract<Command, { type: K }>['data'];

/** A command as the edge builds it: everything but the instant, which the handler takes from its clock. */
export type CommandInput = { [K in CommandType]: Omit<Extract<Command, { type: K }>, 'now'> }[CommandType];

/**
 * Builds a command of type K from data typed for K. The one place where a type chosen at run time
 * (a route, a job) meets the command union; the data is checked against K where it is written.
 */
export function commandInput<K extends CommandType>(type: K, actor: Actor, data: CommandData<K>): CommandInput {
  return { type, actor: { userId: actor.userId, role: actor.role, bodyId: actor.bodyId }, data } as CommandInput;
}
