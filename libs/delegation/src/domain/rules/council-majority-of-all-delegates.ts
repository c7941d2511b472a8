import type { BusinessRule } from '../errors.js';

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

export function councilOutcome(totalDelegates: number, votesFor: number): 'approved' | 'rejected' {
  return votesFor * 2 > totalDelegates ? 'approved' : 'rejected';
}
