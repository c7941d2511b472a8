import type { BusinessRule, DecisionKind, DecisionState, IsoDate, IsoInstant, Text } from '@app/delegation';

/**
 * Everything an accountability check may look at, loaded by the caller (the worker) before it runs.
 * Checks are pure functions of this context: no clock, no I/O.
 */
export interface CheckContext {
  now: IsoInstant;
  /** Today in Vietnam (UTC+7). */
  today: IsoDate;
  /** The decision being checked, folded from its stream. */
  decision: DecisionState;
  /** Every other delegation of the same province that is proposed, approved or in effect (not the checked one). */
  others: DelegationSummary[];
  bodies: Record<string, BodyInfo>;
  powers: Record<string, PowerInfo>;
  /** Legal documents whose validity the checks know (for "legal basis in force"). */
  legalDocuments: LegalDocumentInfo[];
  /** The delegate body's record over the last 12 months (for "capacity"). */
  delegateRecord: { stagesFinished: number; stagesLate: number; reportsDue: number; reportsLate: number };
  settings: CheckSettings;
}

export interface CheckSettings {
  /** Largest acceptable share of late stages / overdue reports for a delegate (0..1). Default 0.3. */
  capacityThreshold: number;
  /** Flag an ủy quyền this many days before its period ends. Default 30. */
  expiryWarningDays: number;
  /** Flag a transition-era delegation this many days before 1/3/2027. Default 90. */
  transitionWarningDays: number;
}

export interface DelegationSummary {
  id: string;
  kind: DecisionKind;
  stage: string;
  delegatorBodyId: string;
  delegateBodyId: string;
  powerIds: string[];
  /** Validity of the delegation (issued) or the one proposed: [from, to), to exclusive, null = open. */
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface BodyInfo {
  id: string;
  nameVi: string;
  level: 'province' | 'district' | 'commune';
  type: 'ubnd' | 'hdnd' | 'so' | 'phong' | 'office' | 'inspectorate' | 'chairman' | 'public-service-unit';
  parentId: string | null;
  provinceId: string;
  /** active, or merged / abolished on a date (from the organisation registry). */
  status: 'active' | 'merged' | 'abolished';
  endedOn?: IsoDate;
  successorId?: string;
}

export interface PowerInfo {
  id: string;
  titleVi: string;
  sector: string;
  legalHolderBodyId: string;
  delegable: boolean;
  legalSource: string;
}

export interface LegalDocumentInfo {
  /** The number as cited, e.g. "72/2025/QH15". Citations are matched by this number. */
  number: string;
  title: string;
  inForceFrom: IsoDate;
  /** First day no longer in force; null = still in force. */
  inForceUntil: IsoDate | null;
}

/** What a check found: one per (rule, subject). `key` is stable across runs so a finding is raised once. */
export interface Finding {
  ruleId: string;
  ruleVersion: number;
  /** Stable key within the decision, e.g. "overlap:<otherId>:<powerId>" or "report:2026-Q2". */
  key: string;
  severity: 'info' | 'warning' | 'violation';
  message: Text;
  details?: Record<string, unknown>;
}

/** A named, versioned accountability check with its source (seed or legal text) and message. */
export interface AccountabilityRule extends BusinessRule {
  /** Which decisions it applies to, by stage (checked only then). */
  appliesTo: (decision: DecisionState) => boolean;
  evaluate: (ctx: CheckContext) => Finding[];
}
