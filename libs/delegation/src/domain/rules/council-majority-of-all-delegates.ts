import type { BusinessRule } from '../errors.js';
import { type RuleViolation, violation } from './violation.js';

/**
 * Not a refusal but the rule that decides the outcome: a resolution passes with votes for from
 * more than half of ALL delegates, not of those present. Integer arithmetic avoids x.5 rounding.
 */
export const COUNCIL_MAJORITY_OF_ALL_DELEGATES: BusinessRule = {
  id: 'council-majority-of-all-delegates',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 35.2',
  message: {
    vi: 'Nghị quyết của HĐND được thông qua khi có quá nửa tổng số đại biểu HĐND biểu quyết tán thành.',
    en: 'A council resolution passes only with votes for from more than half of all delegates.',
  },
};

/** The majority rules a vote step may name (workflows/document.ts MAJORITY_RULES). */
export type CouncilMajorityRule = 'more-than-half-of-all-delegates' | 'two-thirds-of-all-delegates' | 'more-than-half-of-present';

export function councilOutcomeBy(
  rule: CouncilMajorityRule,
  d: { totalDelegates: number; votesFor: number; votesAgainst: number; abstentions: number },
): 'approved' | 'rejected' {
  const present = d.votesFor + d.votesAgainst + d.abstentions;
  const passes =
    rule === 'more-than-half-of-all-delegates' ? d.votesFor * 2 > d.totalDelegates
    : rule === 'two-thirds-of-all-delegates' ? d.votesFor * 3 >= d.totalDelegates * 2
    : d.votesFor * 2 > present;
  return passes ? 'approved' : 'rejected';
}

/** A session votes validly only with the quorum its workflow's vote step sets, as a share of all delegates. */
export const COUNCIL_QUORUM: BusinessRule = {
  id: 'council-quorum',
  version: 1,
  source: 'Định nghĩa quy trình, bước biểu quyết (vote.quorum) / the workflow definition, vote step (vote.quorum)',
  message: {
    vi: 'Số đại biểu tham gia biểu quyết chưa đạt túc số mà quy trình quy định.',
    en: 'Fewer delegates took part in the vote than the quorum the workflow sets.',
  },
};

export function checkCouncilQuorum(
  d: { totalDelegates: number; votesFor: number; votesAgainst: number; abstentions: number },
  quorum: { numerator: number; denominator: number },
): RuleViolation | undefined {
  const present = d.votesFor + d.votesAgainst + d.abstentions;
  return present * quorum.denominator >= d.totalDelegates * quorum.numerator ? undefined : violation(COUNCIL_QUORUM, 'votesFor');
}

export function councilOutcome(totalDelegates: number, votesFor: number): 'approved' | 'rejected' {
  return votesFor * 2 > totalDelegates ? 'approved' : 'rejected';
}
