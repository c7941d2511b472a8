import type { DecisionKind } from '../domain/types.js';
import type { WorkflowDefinition } from './definition.js';
import PHAN_CAP_V1_DOCUMENT from './definitions/phan-cap.v1.json' with { type: 'json' };
import UY_QUYEN_V1_DOCUMENT from './definitions/uy-quyen.v1.json' with { type: 'json' };
import { fromDocument } from './from-document.js';
import { validateWorkflowDocument } from './validate-definition.js';

/** A built-in definition document, validated when the module loads: a bad one stops the boot, naming its errors. */
function load(document: unknown): WorkflowDefinition {
  const check = validateWorkflowDocument(document);
  if (!check.ok) {
    const { id, version } = (document ?? {}) as { id?: string; version?: number };
    throw new Error(`Workflow definition ${id} v${version} is invalid: ${check.errors.map((e) => `${e.path} ${e.reason.en}`).join('; ')}`);
  }
  return fromDocument(check.document);
}

/** The documents as deployed data (definitions/*.json), in the order they were registered. */
export const BUILT_IN_WORKFLOW_DOCUMENTS: readonly unknown[] = [PHAN_CAP_V1_DOCUMENT, UY_QUYEN_V1_DOCUMENT];

export const PHAN_CAP_V1: WorkflowDefinition = load(PHAN_CAP_V1_DOCUMENT);
export const UY_QUYEN_V1: WorkflowDefinition = load(UY_QUYEN_V1_DOCUMENT);

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

/** The stages that end a decision in any registered workflow. */
export function terminalStages(): string[] {
  return [...new Set(WORKFLOWS.flatMap((w) => Object.entries(w.stages).filter(([, s]) => s?.terminal).map(([id]) => id)))];
}
