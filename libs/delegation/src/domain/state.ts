import type { EvaluationDetails, EvaluationResult, FindingRaised } from './events.js';
import type { DecisionKind, DocumentRef, IsoDate, IsoInstant, ProposalContent, Stage, Text } from './types.js';

/** A finding of an accountability check, as raised on the decision and possibly resolved since. */
export type FindingRecord = FindingRaised['data'] & {
  open: boolean;
  raisedAt: IsoInstant;
  resolvedAt?: IsoInstant;
  resolution?: Text;
};

export interface ReportRecord {
  /** "YYYY-Qn". */
  period: string;
  summary: string;
  filedAt: IsoInstant;
  documents?: DocumentRef[];
}

export interface EvaluationRecord extends EvaluationDetails {
  year: number;
  result: EvaluationResult;
  summary: string;
  recordedAt: IsoInstant;
  recommendations?: string[];
  /** The amendment or revocation that followed this evaluation up (an `evaluationRef` naming its year). */
  followedBy?: { command: 'amend' | 'revoke'; documentNumber: string; effectiveFrom: IsoDate; amendment?: number; at: IsoInstant };
}

/** A decision as folded from its events by evolve(). `version` is the stream version. */
export interface DecisionState {
  exists: boolean;
  id: string;
  version: number;
  kind: DecisionKind;
  /** The readable case number (PC-2026-0012); absent on decisions drafted before case numbers existed. */
  caseNumber?: string;
  workflow: { id: DecisionKind; version: number };
  stage: Stage;
  /** When the current stage began (occurredAt of the event that entered it). */
  stageEnteredAt?: IsoInstant;
  proposerBodyId: string;
  content: ProposalContent;
  reviewerId?: string;
  revisionRound: number;
  appraisal?: { opinion: 'favourable' | 'unfavourable'; reportNumber: string; summary: string; reasons?: string[] };
  legalAppraisal?: { opinion: 'lawful' | 'unlawful'; reportNumber: string; notes?: string; reasons?: string[] };
  councilSubmission?: { submissionNumber: string; submittedOn: IsoDate };
  councilVote?: {
    session: string;
    sessionDate: IsoDate;
    resolutionNumber?: string;
    totalDelegates: number;
    votesFor: number;
    votesAgainst: number;
    abstentions: number;
    outcome: 'approved' | 'rejected';
    reasons?: string[];
  };
  decision?: { outcome: 'approved' | 'rejected'; decidedBy: 'committee' | 'chairman'; reasons?: string[] };
  issuance?: { documentNumber: string; signer: string; signedOn: IsoDate; effectiveFrom: IsoDate; effectiveTo?: IsoDate };
  amendments: Array<{ amendment: number; documentNumber: string; reason: string; effectiveFrom: IsoDate; evaluationRef?: { year: number } }>;
  /** Re-assignments after a body was merged or abolished, in order. */
  reassignments?: Array<{
    fromBodyId: string;
    toBodyId: string;
    side: 'delegate' | 'delegator' | 'both';
    effectiveFrom: IsoDate;
    documentNumber: string;
    reason: string;
  }>;
  revocation?: { documentNumber: string; reason: string; effectiveFrom: IsoDate; evaluationRef?: { year: number } };
  withdrawal?: { reason: string };
  expiredOn?: IsoDate;
  rejectionReasons?: string[];
  /** The latest consultation (lấy ý kiến), its answers by body and, once closed, how. */
  consultation?: {
    round: number;
    bodyIds: string[];
    dueOn: IsoDate;
    subject: string;
    opinions: Record<string, { opinion: 'agree' | 'agree-with-comments' | 'disagree'; summary: string; reference?: string; receivedAt: IsoInstant }>;
    closed?: { closedBy: 'all-answered' | 'deadline'; missing: string[]; closedAt: IsoInstant };
  };
  /** The HĐND committee's examination (thẩm tra) report. */
  examination?: { committee: string; reportNumber: string; conclusion: 'ready' | 'not-ready'; summary: string; reasons?: string[] };
  /** Accountability findings by findingId ("<ruleId>:<key>"); a resolved one stays, with open = false. */
  findings: Record<string, FindingRecord>;
  /** Implementation reports filed, in filing order. */
  reports: ReportRecord[];
  /** Yearly evaluations recorded, in recording order. */
  evaluations: EvaluationRecord[];
  createdAt?: IsoInstant;
  updatedAt?: IsoInstant;
}
