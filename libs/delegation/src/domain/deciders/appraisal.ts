import type { WorkflowDefinition } from '../../workflows/definition.js';
import { checkContent } from '../check-content.js';
import type { Appraise, AssignReviewer, RecordLegalAppraisal, RequestRevision, Resubmit } from '../commands.js';
import { applyChanges } from '../content.js';
import { type DecisionResult, ok, refuse } from '../outcome.js';
import { checkRejectionHasReasons, checkRevisionRequestHasReasons } from '../rules/index.js';
import type { DecisionState } from '../state.js';

export function assignReviewer(cmd: AssignReviewer): DecisionResult {
  const { reviewerId, note } = cmd.data;
  return ok({ type: 'ReviewerAssigned', data: { reviewerId, ...(note !== undefined && { note }) } });
}

/** Rounds count from 1; the round number lets reports show how many times a file went back. */
export function requestRevision(cmd: RequestRevision, state: DecisionState): DecisionResult {
  const v = checkRevisionRequestHasReasons(cmd.data.reasons);
  if (v) return refuse(v);
  const { reasons, note } = cmd.data;
  return ok({
    type: 'RevisionRequested',
    data: { round: state.revisionRound + 1, reasons, ...(note !== undefined && { note }) },
  });
}

/** The resubmission answers the round that is open, so it carries the same round number. */
export function resubmit(cmd: Resubmit, state: DecisionState, workflow: WorkflowDefinition): DecisionResult {
  const { changes = {}, response } = cmd.data;
  const v = checkContent(applyChanges(state.content, changes), state.kind, workflow, 'changes.');
  if (v) return refuse(v);
  return ok({ type: 'ProposalResubmitted', data: { round: state.revisionRound, changes, response } });
}

export function appraise(cmd: Appraise): DecisionResult {
  const { opinion, reportNumber, summary, reasons } = cmd.data;
  if (opinion === 'unfavourable') {
    const v = checkRejectionHasReasons(reasons);
    if (v) return refuse(v);
  }
  return ok({
    type: 'AppraisalCompleted',
    data: { opinion, reportNumber, summary, ...(reasons !== undefined && { reasons }) },
  });
}

export function recordLegalAppraisal(cmd: RecordLegalAppraisal): DecisionResult {
  const { opinion, reportNumber, notes, reasons } = cmd.data;
  if (opinion === 'unlawful') {
    const v = checkRejectionHasReasons(reasons);
    if (v) return refuse(v);
  }
  return ok({
    type: 'LegalAppraisalRecorded',
    data: { opinion, reportNumber, ...(notes !== undefined && { notes }), ...(reasons !== undefined && { reasons }) },
  });
}
