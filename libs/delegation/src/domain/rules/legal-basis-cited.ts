import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, hasAnyText, violation } from './violation.js';

/** Every delegation rests on a cited legal basis (căn cứ pháp lý). Whether it is in force is checked elsewhere. */
export const LEGAL_BASIS_CITED: BusinessRule = {
  id: 'legal-basis-cited',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 13.1, 14.1; Nghị quyết 04/NQ-CP',
  message: {
    vi: 'Phải nêu ít nhất một căn cứ pháp lý.',
    en: 'At least one legal basis must be cited.',
  },
};

export function checkLegalBasisCited(c: ProposalContent, prefix: string): RuleViolation | undefined {
  return hasAnyText(c.legalBasis) ? undefined : violation(LEGAL_BASIS_CITED, `${prefix}legalBasis`);
}
