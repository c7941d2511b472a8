import type { BusinessRule, DecisionState, IsoDate, Stage, Text } from '@app/delegation';
import type { DelegationSummary, Finding } from './types.js';

/**
 * Where each of delegation's stages stands for the checks. A pure folder takes delegation's types only
 * (its STAGES list is a value), so the stages are named again here; a Record over the Stage type makes
 * a stage added to delegation fail to compile until it is placed, so the two lists cannot drift apart.
 */
const PHASE: Record<Stage, 'draft' | 'submitted' | 'ended'> = {
  draft: 'draft',
  'in-consultation': 'draft',
  consulted: 'draft',
  submitted: 'submitted',
  'in-appraisal': 'submitted',
  'revision-requested': 'submitted',
  'legal-appraisal': 'submitted',
  appraised: 'submitted',
  'in-examination': 'submitted',
  'awaiting-council': 'submitted',
  approved: 'submitted',
  issued: 'submitted',
  rejected: 'ended',
  withdrawn: 'ended',
  revoked: 'ended',
  expired: 'ended',
};
const stagesIn = (phase: (typeof PHASE)[Stage]): readonly Stage[] =>
  (Object.keys(PHASE) as Stage[]).filter((s) => PHASE[s] === phase);

/** Stages after which nothing more happens to a decision: its open findings are closed (see reconcile). */
export const ENDED_STAGES: readonly Stage[] = stagesIn('ended');

/** From submission until it ends: the content a body has put forward, checked on every run. */
export const SUBMITTED_STAGES: readonly Stage[] = stagesIn('submitted');

export const isSubmitted = (d: DecisionState): boolean => d.exists && SUBMITTED_STAGES.includes(d.stage);
export const isIssued = (d: DecisionState): boolean => d.exists && d.stage === 'issued' && d.issuance !== undefined;
export const isEnded = (d: DecisionState): boolean => d.exists && ENDED_STAGES.includes(d.stage);

/** "<ruleId>:<key>": the id a finding is raised and resolved under. */
export function findingIdOf(f: Pick<Finding, 'ruleId' | 'key'>): string {
  return `${f.ruleId}:${f.key}`;
}

export function finding(
  rule: BusinessRule,
  key: string,
  severity: Finding['severity'],
  details?: Record<string, unknown>,
  message?: Text,
): Finding {
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    key,
    severity,
    message: message ?? rule.message,
    ...(details !== undefined && { details }),
  };
}

/** A half-open interval of days [from, to); null = unbounded on that side. */
export interface Interval {
  from: IsoDate | null;
  to: IsoDate | null;
}

const earlier = (a: IsoDate | null, b: IsoDate | null): IsoDate | null => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * The days a decision gives (or, as a proposal, would give) its delegate the powers: from the effective
 * date (or the proposed period's start), until the ủy quyền period ends, the revocation takes effect or
 * it expired. Same convention as the delegation registry's holdingsOf (to exclusive).
 */
export function validityOf(d: DecisionState): Interval {
  const from = d.issuance?.effectiveFrom ?? d.content.period?.from ?? null;
  let to: IsoDate | null = null;
  if (d.kind === 'uy-quyen') {
    const end = d.issuance?.effectiveTo ?? d.content.period?.to;
    if (end) to = addDays(end, 1);
  }
  if (d.revocation) to = earlier(to, d.revocation.effectiveFrom);
  if (d.expiredOn) to = earlier(to, addDays(d.expiredOn, 1));
  return { from, to };
}

export const intervalOf = (o: DelegationSummary): Interval => ({ from: o.validFrom, to: o.validTo });

export function overlaps(a: Interval, b: Interval): boolean {
  const aStartsBeforeBEnds = a.from === null || b.to === null || a.from < b.to;
  const bStartsBeforeAEnds = b.from === null || a.to === null || b.from < a.to;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

export function contains(i: Interval, day: IsoDate): boolean {
  return (i.from === null || i.from <= day) && (i.to === null || day < i.to);
}

/** The date the decision's content is judged on: effective date, else the period start, else today. */
export function effectiveDate(d: DecisionState, today: IsoDate): IsoDate {
  return d.issuance?.effectiveFrom ?? d.content.period?.from ?? today;
}

const DAY_MS = 86_400_000;

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Another delegation that is proposed (past submission), approved or in effect: it competes for the powers. */
export function isLive(o: DelegationSummary): boolean {
  return o.stage !== 'draft' && !ENDED_STAGES.includes(o.stage as Stage);
}

export const shared = (a: readonly string[], b: readonly string[]): string[] =>
  [...new Set(a.filter((x) => b.includes(x)))].sort();

export const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const LEVEL_RANK = { province: 0, district: 1, commune: 2 } as const;
export const LEVEL_VI = { province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã' } as const;
