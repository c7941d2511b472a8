import type { DecisionKind, DocumentRef, IsoDate, ProposalContent, Text } from './types.js';

/**
 * The facts of a decision's life. `type` is the stored name: it never changes once an event is
 * written (renaming a class or a file must not change what is stored). A change of shape bumps
 * the event's schema version in EVENT_SCHEMA_VERSIONS and adds an upcaster.
 * Event data holds no actor or time: those are the event's metadata.
 */
interface Ev<T extends string, D> {
  type: T;
  data: D;
}

export type ProposalDrafted = Ev<
  'ProposalDrafted',
  ProposalContent & {
    decisionId: string;
    kind: DecisionKind;
    proposerBodyId: string;
    workflow: { id: DecisionKind; version: number };
    /** Schema 2: the case number (PC-2026-0012 / UQ-2026-0003), gap-free per province, kind and year. */
    caseNumber?: string;
  }
>;
export type DraftUpdated = Ev<'DraftUpdated', { changes: Partial<ProposalContent> }>;
export type ProposalSubmitted = Ev<'ProposalSubmitted', Record<string, never>>;
export type ReviewerAssigned = Ev<'ReviewerAssigned', { reviewerId: string; note?: string }>;
export type RevisionRequested = Ev<'RevisionRequested', { round: number; reasons: string[]; note?: string }>;
export type ProposalResubmitted = Ev<
  'ProposalResubmitted',
  { round: number; changes: Partial<ProposalContent>; response: string }
>;
export type AppraisalCompleted = Ev<
  'AppraisalCompleted',
  { opinion: 'favourable' | 'unfavourable'; reportNumber: string; summary: string; reasons?: string[] }
>;
export type LegalAppraisalRecorded = Ev<
  'LegalAppraisalRecorded',
  { opinion: 'lawful' | 'unlawful'; reportNumber: string; notes?: string; reasons?: string[] }
>;
export type SubmittedToCouncil = Ev<'SubmittedToCouncil', { submissionNumber: string; submittedOn: IsoDate }>;
export type CouncilVoteRecorded = Ev<
  'CouncilVoteRecorded',
  {
    session: string;
    sessionDate: IsoDate;
    resolutionNumber?: string;
    totalDelegates: number;
    votesFor: number;
    votesAgainst: number;
    abstentions: number;
    outcome: 'approved' | 'rejected';
    reasons?: string[];
  }
>;
export type DecisionMade = Ev<
  'DecisionMade',
  { outcome: 'approved' | 'rejected'; decidedBy: 'committee' | 'chairman'; reasons?: string[] }
>;
export type DecisionIssued = Ev<
  'DecisionIssued',
  { documentNumber: string; signer: string; signedOn: IsoDate; effectiveFrom: IsoDate; effectiveTo?: IsoDate }
>;
export type DecisionAmended = Ev<
  'DecisionAmended',
  {
    amendment: number;
    documentNumber: string;
    reason: string;
    effectiveFrom: IsoDate;
    changes: Partial<ProposalContent>;
    /** The yearly evaluation this amendment follows up (absent on older events and on amendments of no evaluation). */
    evaluationRef?: EvaluationRef;
  }
>;
export type DecisionRevoked = Ev<'DecisionRevoked', { documentNumber: string; reason: string; effectiveFrom: IsoDate; evaluationRef?: EvaluationRef }>;
/** Names the yearly evaluation (of `year`) that an amendment or a revocation follows up. */
export interface EvaluationRef {
  year: number;
}
/** The delegation moves from a merged or abolished body to its successor, from `effectiveFrom`. */
export type DecisionReassigned = Ev<
  'DecisionReassigned',
  {
    fromBodyId: string;
    toBodyId: string;
    side: 'delegate' | 'delegator' | 'both';
    effectiveFrom: IsoDate;
    documentNumber: string;
    reason: string;
  }
>;
export type ProposalWithdrawn = Ev<'ProposalWithdrawn', { reason: string }>;
export type DelegationExpired = Ev<'DelegationExpired', { expiredOn: IsoDate }>;

export type FindingSeverity = 'info' | 'warning' | 'violation';
export type EvaluationResult = 'effective' | 'needs-adjustment' | 'ineffective';

/**
 * An accountability check found a condition on this decision. `findingId` is "<ruleId>:<key>", stable
 * across runs, so a condition that persists is raised once and resolved once.
 */
export type FindingRaised = Ev<
  'FindingRaised',
  {
    findingId: string;
    ruleId: string;
    ruleVersion: number;
    key: string;
    severity: FindingSeverity;
    message: Text;
    details?: Record<string, unknown>;
  }
>;
export type FindingResolved = Ev<'FindingResolved', { findingId: string; ruleId: string; reason: Text }>;
/** The delegate's quarterly implementation report ("trước ngày 15 tháng cuối quý", seed 003); period "YYYY-Qn". */
export type ImplementationReportFiled = Ev<
  'ImplementationReportFiled',
  { period: string; summary: string; documents: DocumentRef[] }
>;
/** The yearly evaluation of the delegation ("Định kỳ hằng năm, tổ chức đánh giá", seed 000, task 7). */
export type EvaluationRecorded = Ev<'EvaluationRecorded', EvaluationDetails & { year: number; result: EvaluationResult; summary: string; recommendations?: string[] }>;

/** What the evaluation recommends for the delegation (Luật 72/2025 Art. 11.2: "cơ chế đánh giá, điều chỉnh"). */
export type EvaluationRecommendation = 'keep' | 'amend' | 'revoke' | 'extend';

/**
 * Schema 2 of EvaluationRecorded: the results against each of the delegation's conditions, the
 * resources used, the problems met, and one recommendation. Absent from schema 1 events (upcast as is).
 */
export interface EvaluationDetails {
  conditionResults?: Array<{ condition: string; met: boolean; note?: string }>;
  resourcesUsed?: { budgetVnd?: number; staffPositions?: number; note?: string };
  problems?: string[];
  recommendation?: EvaluationRecommendation;
}

/** The drafting body asked the bodies concerned for their opinion (lấy ý kiến); `round` counts from 1. */
export type ConsultationRequested = Ev<'ConsultationRequested', { round: number; bodyIds: string[]; dueOn: IsoDate; subject: string }>;
export type OpinionReceived = Ev<
  'OpinionReceived',
  { round: number; bodyId: string; opinion: 'agree' | 'agree-with-comments' | 'disagree'; summary: string; reference?: string }
>;
/** The consultation ended: every body answered, or the deadline passed and `missing` did not. */
export type ConsultationClosed = Ev<
  'ConsultationClosed',
  { round: number; closedBy: 'all-answered' | 'deadline'; answered: string[]; missing: string[] }
>;
/** A committee (Ban) of the HĐND examined (thẩm tra) the draft resolution: its report and conclusion. */
export type ExaminationCompleted = Ev<
  'ExaminationCompleted',
  { committee: string; reportNumber: string; conclusion: 'ready' | 'not-ready'; summary: string; reasons?: string[] }
>;

export type DecisionEvent =
  | ProposalDrafted
  | DraftUpdated
  | ProposalSubmitted
  | ReviewerAssigned
  | RevisionRequested
  | ProposalResubmitted
  | AppraisalCompleted
  | LegalAppraisalRecorded
  | SubmittedToCouncil
  | CouncilVoteRecorded
  | DecisionMade
  | DecisionIssued
  | DecisionAmended
  | DecisionRevoked
  | DecisionReassigned
  | ProposalWithdrawn
  | DelegationExpired
  | FindingRaised
  | FindingResolved
  | ImplementationReportFiled
  | EvaluationRecorded
  | ConsultationRequested
  | OpinionReceived
  | ConsultationClosed
  | ExaminationCompleted;

export type DecisionEventType = DecisionEvent['type'];

/** The explicit registry of stored event names and their current schema versions. */
export const EVENT_SCHEMA_VERSIONS: Record<DecisionEventType, number> = {
  ProposalDrafted: 2,
  DraftUpdated: 1,
  ProposalSubmitted: 1,
  ReviewerAssigned: 1,
  RevisionRequested: 2,
  ProposalResubmitted: 1,
  AppraisalCompleted: 1,
  LegalAppraisalRecorded: 1,
  SubmittedToCouncil: 1,
  CouncilVoteRecorded: 1,
  DecisionMade: 1,
  DecisionIssued: 1,
  DecisionAmended: 1,
  DecisionRevoked: 1,
  DecisionReassigned: 1,
  ProposalWithdrawn: 1,
  DelegationExpired: 1,
  FindingRaised: 1,
  FindingResolved: 1,
  ImplementationReportFiled: 1,
  EvaluationRecorded: 2,
  ConsultationRequested: 1,
  OpinionReceived: 1,
  ConsultationClosed: 1,
  ExaminationCompleted: 1,
};
