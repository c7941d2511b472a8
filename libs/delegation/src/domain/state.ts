import type { DecisionKind, IsoDate, IsoInstant, ProposalContent, Stage } from './types.js';

/** A decision as folded from its events by evolve(). `version` is the stream version. */
export interface DecisionState {
  exists: boolean;
  id: string;
  version: number;
  kind: DecisionKind;
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
  amendments: Array<{ amendment: number; documentNumber: string; reason: string; effectiveFrom: IsoDate }>;
  revocation?: { documentNumber: string; reason: string; effectiveFrom: IsoDate };
  withdrawal?: { reason: string };
  expiredOn?: IsoDate;
  rejectionReasons?: string[];
  createdAt?: IsoInstant;
  updatedAt?: IsoInstant;
}
