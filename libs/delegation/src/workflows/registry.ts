import type { DecisionKind } from '../domain/types.js';
import type { WorkflowDefinition } from './definition.js';
import PHAN_CAP_V1_DOCUMENT from './definitions/phan-cap.v1.json' with { type: 'json' };
import PHAN_CAP_V2_DOCUMENT from './definitions/phan-cap.v2.json' with { type: 'json' };
import UY_QUYEN_V1_DOCUMENT from './definitions/uy-quyen.v1.json' with { type: 'json' };
import UY_QUYEN_V2_DOCUMENT from './definitions/uy-quyen.v2.json' with { type: 'json' };
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
export const BUILT_IN_WORKFLOW_DOCUMENTS: readonly unknown[] = [PHAN_CAP_V1_DOCUMENT, UY_QUYEN_V1_DOCUMENT, PHAN_CAP_V2_DOCUMENT, UY_QUYEN_V2_DOCUMENT];

export const PHAN_CAP_V1: WorkflowDefinition = load(PHAN_CAP_V1_DOCUMENT);
export const UY_QUYEN_V1: WorkflowDefinition = load(UY_QUYEN_V1_DOCUMENT);
/** phân cấp v2: consultation of the bodies concerned before submission, and the HĐND committee's examination before the session. */
export const PHAN_CAP_V2: WorkflowDefinition = load(PHAN_CAP_V2_DOCUMENT);
/** ủy quyền v2: consultation of the bodies concerned before submission. */
export const UY_QUYEN_V2: WorkflowDefinition = load(UY_QUYEN_V2_DOCUMENT);

/**
 * The version a new proposal of each kind starts on when nobody chose another: v1, so that the
 * decisions of a province that has not chosen keep the procedure they know.
 */
export const DEFAULT_WORKFLOW_VERSIONS: Readonly<Record<DecisionKind, number>> = { 'phan-cap': 1, 'uy-quyen': 1 };

/**
 * Every workflow version ever used. A version is never removed or edited once a decision has
 * started under it: decisions keep their version for life, and evolve() reads its options.
 */
export const WORKFLOWS: readonly WorkflowDefinition[] = [PHAN_CAP_V1, UY_QUYEN_V1, PHAN_CAP_V2, UY_QUYEN_V2];

/** The definition a decision runs under, or undefined when no such version exists. */
export function getWorkflow(id: string, version: number): WorkflowDefinition | undefined {
  return WORKFLOWS.find((w) => w.id === id && w.version === version);
}

/** The version new proposals of a kind start under unless another was chosen (DEFAULT_WORKFLOW_VERSIONS). */
export function currentWorkflow(kind: DecisionKind): WorkflowDefinition {
  const w = getWorkflow(kind, DEFAULT_WORKFLOW_VERSIONS[kind]);
  if (!w) throw new Error(`No workflow registered for kind ${kind}`);
  return w;
}

/** The highest version registered for a kind. */
export function latestWorkflow(kind: DecisionKind): WorkflowDefinition {
  return WORKFLOWS.filter((w) => w.id === kind).reduce((a, b) => (b.version > a.version ? b : a));
}

export function listWorkflows(): WorkflowDefinition[] {
  return [...WORKFLOWS];
}

/** The stages that end a decision in any registered workflow. */
export function terminalStages(): string[] {
  return [...new Set(WORKFLOWS.flatMap((w) => Object.entries(w.stages).filter(([, s]) => s?.terminal).map(([id]) => id)))];
}
