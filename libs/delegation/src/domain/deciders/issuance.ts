import type { WorkflowDefinition } from '../../workflows/definition.js';
import { checkContent } from '../check-content.js';
import type { Amend, Expire, Issue, Reassign, Revoke } from '../commands.js';
import { applyChanges } from '../content.js';
import { type DecisionResult, ok, refuse } from '../outcome.js';
import { violation } from '../rules/violation.js';
import {
  checkAmendmentKeepsKindAndDelegator,
  checkCouncilApprovalPrecedesIssuance,
  checkEffectiveNotBeforeSigning,
  checkEffectiveWithinPeriod,
  checkEvaluationFollowUp,
  checkExpiresAfterPeriodEnd,
  checkReassignNamesABodyOfTheDecision,
  checkReassignToAnotherBody,
  DELEGATOR_DIFFERS_FROM_DELEGATE,
} from '../rules/index.js';
import type { DecisionState } from '../state.js';

export function issue(cmd: Issue, state: DecisionState, workflow: WorkflowDefinition): DecisionResult {
  const { documentNumber, signer, signedOn, effectiveFrom } = cmd.data;
  const period = state.content.period;
  const v =
    (workflow.options.requiresCouncilVote ? checkCouncilApprovalPrecedesIssuance(state) : undefined) ??
    checkEffectiveNotBeforeSigning(signedOn, effectiveFrom) ??
    (workflow.options.requiresPeriod ? checkEffectiveWithinPeriod(period, effectiveFrom) : undefined);
  if (v) return refuse(v);
  // An ủy quyền ends with its period; a phân cấp stays until amended or revoked.
  const effectiveTo = workflow.options.requiresPeriod ? period?.to : undefined;
  return ok({
    type: 'DecisionIssued',
    data: { documentNumber, signer, signedOn, effectiveFrom, ...(effectiveTo !== undefined && { effectiveTo }) },
  });
}

export function amend(cmd: Amend, state: DecisionState, workflow: WorkflowDefinition): DecisionResult {
  const { documentNumber, reason, effectiveFrom, changes, evaluationRef } = cmd.data;
  const next = applyChanges(state.content, changes);
  const v =
    checkEvaluationFollowUp(state, evaluationRef, 'amend') ??
    checkAmendmentKeepsKindAndDelegator(state.content, changes) ??
    checkContent(next, state.kind, workflow, 'changes.') ??
    // An amendment to an ủy quyền must itself take effect while the (amended) authorisation runs.
    (workflow.options.requiresPeriod ? checkEffectiveWithinPeriod(next.period, effectiveFrom) : undefined);
  if (v) return refuse(v);
  return ok({
    type: 'DecisionAmended',
    data: {
      amendment: state.amendments.length + 1, documentNumber, reason, effectiveFrom, changes,
      ...(evaluationRef !== undefined && { evaluationRef: { year: evaluationRef.year } }),
    },
  });
}

export function revoke(cmd: Revoke, state: DecisionState): DecisionResult {
  const { documentNumber, reason, effectiveFrom, evaluationRef } = cmd.data;
  const v = checkEvaluationFollowUp(state, evaluationRef, 'revoke');
  if (v) return refuse(v);
  return ok({
    type: 'DecisionRevoked',
    data: { documentNumber, reason, effectiveFrom, ...(evaluationRef !== undefined && { evaluationRef: { year: evaluationRef.year } }) },
  });
}

/** expiredOn is the last day of the period: the authorisation ceased at the end of that day. */
export function expire(cmd: Expire, state: DecisionState): DecisionResult {
  const period = state.content.period;
  const v = checkExpiresAfterPeriodEnd(period, cmd.now);
  if (v) return refuse(v);
  // The rule passes only when there is a period.
  return ok({ type: 'DelegationExpired', data: { expiredOn: period!.to } });
}

/**
 * Moves the delegation from a body that ceased (merged or abolished) to its successor. The body must
 * be the delegate or the delegator (or both); the result must still have two different bodies.
 */
export function reassign(cmd: Reassign, state: DecisionState): DecisionResult {
  const { fromBodyId, toBodyId, effectiveFrom, documentNumber, reason } = cmd.data;
  const v = checkReassignToAnotherBody(fromBodyId, toBodyId) ?? checkReassignNamesABodyOfTheDecision(state.content, fromBodyId);
  if (v) return refuse(v);
  const { delegateBodyId, delegatorBodyId } = state.content;
  const side = delegateBodyId === fromBodyId && delegatorBodyId === fromBodyId ? 'both' : delegateBodyId === fromBodyId ? 'delegate' : 'delegator';
  const other = side === 'delegate' ? delegatorBodyId : side === 'delegator' ? delegateBodyId : undefined;
  if (other === toBodyId) return refuse(violation(DELEGATOR_DIFFERS_FROM_DELEGATE, 'toBodyId'));
  return ok({ type: 'DecisionReassigned', data: { fromBodyId, toBodyId, side, effectiveFrom, documentNumber, reason } });
}
