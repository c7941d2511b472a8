import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, hasAnyText, hasText, violation } from './violation.js';

/**
 * A phân cấp that moves no budget, staff or facilities must say why none are needed, so that an
 * unfunded mandate is a recorded choice rather than an oversight.
 */
export const RESOURCES_GO_WITH_DECENTRALISATION: BusinessRule = {
  id: 'resources-go-with-decentralisation',
  version: 1,
  source: 'Kế hoạch (seed 001) I.2; Luật 72/2025/QH15 Điều 13',
  message: {
    vi: 'Phân cấp phải đi đôi với bảo đảm cơ sở vật chất, nguồn lực tài chính; nếu không chuyển giao nguồn lực phải nêu lý do.',
    en: 'Decentralisation must come with resources; when none are transferred, give the reason.',
  },
};

export function checkResourcesGoWithDecentralisation(c: ProposalContent, prefix: string): RuleViolation | undefined {
  const r = c.resources;
  const transfersSomething = r.budgetVnd > 0 || r.staffPositions > 0 || hasAnyText(r.facilities);
  if (transfersSomething || hasText(r.noResourcesReason)) return undefined;
  return violation(RESOURCES_GO_WITH_DECENTRALISATION, `${prefix}resources.noResourcesReason`);
}
