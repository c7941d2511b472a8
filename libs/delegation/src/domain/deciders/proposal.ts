import type { WorkflowDefinition } from '../../workflows/definition.js';
import { checkContent } from '../check-content.js';
import type { Propose, Submit, UpdateDraft, Withdraw } from '../commands.js';
import { applyChanges, contentOf } from '../content.js';
import { type DecisionResult, ok, refuse } from '../outcome.js';
import { checkWorkflowMatchesKind } from '../rules/index.js';
import type { DecisionState } from '../state.js';

export function propose(cmd: Propose, workflow: WorkflowDefinition): DecisionResult {
  const { decisionId, kind, proposerBodyId, workflowVersion, caseNumber } = cmd.data;
  const content = contentOf(cmd.data);
  const v = checkWorkflowMatchesKind(workflow, kind, workflowVersion) ?? checkContent(content, kind, workflow, '');
  if (v) return refuse(v);
  return ok({
    type: 'ProposalDrafted',
    data: { ...content, decisionId, kind, proposerBodyId, workflow: { id: workflow.id, version: workflow.version }, ...(caseNumber !== undefined && { caseNumber }) },
  });
}

export function updateDraft(cmd: UpdateDraft, state: DecisionState, workflow: WorkflowDefinition): DecisionResult {
  const v = checkContent(applyChanges(state.content, cmd.data.changes), state.kind, workflow, 'changes.');
  if (v) return refuse(v);
  return ok({ type: 'DraftUpdated', data: { changes: cmd.data.changes } });
}

export function submit(_cmd: Submit): DecisionResult {
  return ok({ type: 'ProposalSubmitted', data: {} });
}

export function withdraw(cmd: Withdraw): DecisionResult {
  return ok({ type: 'ProposalWithdrawn', data: { reason: cmd.data.reason } });
}
