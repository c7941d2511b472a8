import type { BusinessRule } from '../errors.js';
import { type RuleViolation, violation } from './violation.js';

/** A tally that counts more votes than delegates, or negative votes, was mistyped: refuse it. */
export const COUNCIL_VOTE_COUNTS_VALID: BusinessRule = {
  id: 'council-vote-counts-valid',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 35.2',
  message: {
    vi: 'Số đại biểu và số phiếu không hợp lệ: tổng số phiếu không được vượt quá tổng số đại biểu.',
    en: 'Invalid tally: counts must be whole, not negative, and not exceed the number of delegates.',
  },
};

export interface Tally {
  totalDelegates: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

const whole = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export function checkCouncilVoteCounts(t: Tally): RuleViolation | undefined {
  if (!whole(t.totalDelegates) || t.totalDelegates < 1) return violation(COUNCIL_VOTE_COUNTS_VALID, 'totalDelegates');
  for (const field of ['votesFor', 'votesAgainst', 'abstentions'] as const) {
    if (!whole(t[field])) return violation(COUNCIL_VOTE_COUNTS_VALID, field);
  }
  if (t.votesFor + t.votesAgainst + t.abstentions > t.totalDelegates) {
    return violation(COUNCIL_VOTE_COUNTS_VALID, 'votesFor');
  }
  return undefined;
}
