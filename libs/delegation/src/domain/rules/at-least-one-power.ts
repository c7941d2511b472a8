import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** A delegation names the powers it moves; content and scope must be defined (no overlap). */
export const AT_LEAST_ONE_POWER: BusinessRule = {
  id: 'at-least-one-power',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 11.2',
  message: {
    vi: 'Phải nêu ít nhất một nhiệm vụ, quyền hạn được phân cấp, ủy quyền.',
    en: 'At least one power must be delegated.',
  },
};

export function checkAtLeastOnePower(c: ProposalContent, prefix: string): RuleViolation | undefined {
  const ok = Array.isArray(c.powerIds) && c.powerIds.some((p) => typeof p === 'string' && p.trim() !== '');
  return ok ? undefined : violation(AT_LEAST_ONE_POWER, `${prefix}powerIds`);
}
