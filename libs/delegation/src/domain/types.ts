/** Shared value types of the delegation domain. Plain TypeScript: no framework imports here. */

export type DecisionKind = 'phan-cap' | 'uy-quyen';

export const ROLES = [
  'proposer',
  'reviewer',
  'reviewer-lead',
  'legal-appraiser',
  'council-office',
  'committee-office',
  'auditor',
  'admin',
  // The national operator of the deployment, above the provinces: runs the queues and sees the whole
  // log's verification. Holds no workflow role and sees no province's decisions.
  'operator',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

export const STAGES = [
  'draft',
  // phân cấp / ủy quyền v2: the drafting body consults the bodies concerned (lấy ý kiến) before submitting.
  'in-consultation',
  'consulted',
  'submitted',
  'in-appraisal',
  'revision-requested',
  'legal-appraisal',
  'appraised',
  // phân cấp v2: a committee (Ban) of the HĐND examines (thẩm tra) the draft resolution before the session.
  'in-examination',
  'awaiting-council',
  'approved',
  'issued',
  'rejected',
  'withdrawn',
  'revoked',
  'expired',
] as const;
export type Stage = (typeof STAGES)[number];

/** A calendar date, `YYYY-MM-DD` (Asia/Ho_Chi_Minh civil date). */
export type IsoDate = string;
/** An instant, ISO 8601 with zone, e.g. `2026-11-24T04:15:00.000Z`. */
export type IsoInstant = string;

/** The kernel's bilingual text; re-exported because every delegation message and event carries one. */
export type { Text } from '@app/kernel';

export interface Resources {
  /** Budget transferred with the power, in VND (integer, ≥ 0). */
  budgetVnd: number;
  /** Staff positions (biên chế) transferred, integer ≥ 0. */
  staffPositions: number;
  facilities: string[];
  /** Why no resources are needed, when none are transferred. */
  noResourcesReason?: string;
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface DocumentRef {
  title: string;
  reference: string;
  /** SHA-256 of the document's content, hex, when known. */
  contentHash?: string;
}

/** The content of a proposal: what moves, from whom to whom, on what basis. */
export interface ProposalContent {
  title: string;
  delegatorBodyId: string;
  delegateBodyId: string;
  powerIds: string[];
  sector: string;
  legalBasis: string[];
  resources: Resources;
  period?: Period;
  conditions: string[];
  justification: string;
  documents: DocumentRef[];
}

/** Who runs a command. Comes in with the command; the domain never looks it up. */
export interface Actor {
  userId: string;
  role: Role;
  bodyId: string;
}
