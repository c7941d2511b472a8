import type { BusinessRule, Refusal } from '../errors.js';
import type { Text } from '../types.js';

export type RuleViolation = Extract<Refusal, { kind: 'rule-violated' }>;

export function violation(rule: BusinessRule, field: string, detail?: Text): RuleViolation {
  return detail ? { kind: 'rule-violated', rule, field, detail } : { kind: 'rule-violated', rule, field };
}

/** Whitespace-only text says nothing: a reason or a basis must have content. */
export function hasText(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

export function hasAnyText(values: readonly string[] | undefined): boolean {
  return Array.isArray(values) && values.some(hasText);
}
