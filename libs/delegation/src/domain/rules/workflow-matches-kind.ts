import type { BusinessRule } from '../errors.js';
import type { WorkflowDefinition } from '../../workflows/definition.js';
import type { DecisionKind } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** A proposal starts under the workflow of its own kind and the version it asked for; never another's. */
export const WORKFLOW_MATCHES_KIND: BusinessRule = {
  id: 'workflow-matches-kind',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 13 (phân cấp), Điều 14 (ủy quyền)',
  message: {
    vi: 'Quy trình không phù hợp với hình thức phân cấp/ủy quyền của đề xuất.',
    en: 'The workflow does not match the kind or version of the proposal.',
  },
};

export function checkWorkflowMatchesKind(
  workflow: WorkflowDefinition,
  kind: DecisionKind,
  workflowVersion: number,
): RuleViolation | undefined {
  if (workflow.id !== kind) return violation(WORKFLOW_MATCHES_KIND, 'kind');
  if (workflow.version !== workflowVersion) return violation(WORKFLOW_MATCHES_KIND, 'workflowVersion');
  return undefined;
}
