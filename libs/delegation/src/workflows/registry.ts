import type { DecisionKind } from '../domain/types.js';
import type { WorkflowDefinition } from './definition.js';
import { PHAN_CAP_V1 } from './phan-cap.v1.js';
import { UY_QUYEN_V1 } from './uy-quyen.v1.js';

export { PHAN_CAP_V1 } from './phan-cap.v1.js';
export { UY_QUYEN_V1 } from './uy-quyen.v1.js';

/**
 * Every workflow version ever used. A version is never removed or edited once a decision has
 * started under it: decisions keep their version for life, and evolve() reads its options.
 */
export const WORKFLOWS: readonly WorkflowDefinition[] = [PHAN_CAP_V1, UY_QUYEN_V1];

/** The definition a decision runs under, or undefined when no such version exists. */
export function getWorkflow(id: string, version: number): WorkflowDefinition | undefined {
  return WORKFLOWS.find((w) => w.id === id && w.version === version);
}

/** The version new proposals of a kind start under: the highest registered. */
export function currentWorkflow(kind: DecisionKind): WorkflowDefinition {
  const candidates = WORKFLOWS.filter((w) => w.id === kind);
  if (candidates.length === 0) throw new Error(`No workflow registered for kind ${kind}`);
  return candidates.reduce((a, b) => (b.version > a.version ? b : a));
}

export function listWorkflows(): WorkflowDefinition[] {
  return [...WORKFLOWS];
}
