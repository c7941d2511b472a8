import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** Budget is counted in whole đồng and biên chế in whole positions; neither can be negative. */
export const RESOURCES_ARE_WHOLE_NUMBERS: BusinessRule = {
  id: 'resources-are-whole-numbers',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 11.2, 13',
  message: {
    vi: 'Kinh phí (đồng) và biên chế chuyển giao phải là số nguyên không âm.',
    en: 'Budget (VND) and staff positions must be whole numbers, zero or more.',
  },
};

const wholeNonNegative = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export function checkResourcesAreWholeNumbers(c: ProposalContent, prefix: string): RuleViolation | undefined {
  const r = c.resources;
  if (!r || !wholeNonNegative(r.budgetVnd)) return violation(RESOURCES_ARE_WHOLE_NUMBERS, `${prefix}resources.budgetVnd`);
  if (!wholeNonNegative(r.staffPositions)) return violation(RESOURCES_ARE_WHOLE_NUMBERS, `${prefix}resources.staffPositions`);
  return undefined;
}
