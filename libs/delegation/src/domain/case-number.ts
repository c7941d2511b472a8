import type { DecisionKind } from './types.js';

const PREFIX: Record<DecisionKind, string> = { 'phan-cap': 'PC', 'uy-quyen': 'UQ' };

/**
 * A decision's readable case number: `PC-2026-0012` (phân cấp) or `UQ-2026-0003` (ủy quyền), the n-th
 * of its province, kind and year. Numbers are gap-free: the n-th is claimed by the append of the proposal
 * itself (libs/event-store, sequences), so a refused or failed proposal takes none.
 */
export function formatCaseNumber(kind: DecisionKind, year: number, n: number): string {
  return `${PREFIX[kind]}-${year}-${String(n).padStart(4, '0')}`;
}

/** The sequence the case numbers of one province, kind and year are taken from. */
export const caseNumberSequence = (provinceId: string, kind: DecisionKind, year: number) => `case-number:${provinceId}:${kind}:${year}`;
