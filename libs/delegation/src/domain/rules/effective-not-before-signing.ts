import type { BusinessRule } from '../errors.js';
import type { IsoDate } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** A decision cannot take effect before it exists (no retroactive effect). */
export const EFFECTIVE_NOT_BEFORE_SIGNING: BusinessRule = {
  id: 'effective-not-before-signing',
  version: 1,
  source: 'Luật 64/2025/QH15 (Ban hành văn bản quy phạm pháp luật), hiệu lực của văn bản',
  message: {
    vi: 'Ngày có hiệu lực không được trước ngày ký ban hành.',
    en: 'The effective date cannot be before the signing date.',
  },
};

export function checkEffectiveNotBeforeSigning(signedOn: IsoDate, effectiveFrom: IsoDate): RuleViolation | undefined {
  return effectiveFrom >= signedOn ? undefined : violation(EFFECTIVE_NOT_BEFORE_SIGNING, 'effectiveFrom');
}
