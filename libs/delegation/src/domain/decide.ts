import type { TransitionDefinition, WorkflowDefinition } from '../workflows/definition.js';
import { SYSTEM_COMMAND_TYPES, type Command } from './commands.js';
import { fileReport, recordEvaluation } from './deciders/accountability.js';
import { closeConsultation, recordExamination, recordOpinion, requestConsultation } from './deciders/consultation.js';
import { recordFindings } from './deciders/findings.js';
import { appraise, assignReviewer, recordLegalAppraisal, requestRevision, resubmit } from './deciders/appraisal.js';
import { decideDirectly, recordCouncilVote, submitToCouncil } from './deciders/decision.js';
import { amend, expire, issue, reassign, revoke } from './deciders/issuance.js';
import { propose, submit, updateDraft, withdraw } from './deciders/proposal.js';
import type { Decision, Refusal } from './errors.js';
import type { DecisionEvent } from './events.js';
import { checkProposingBodyActs } from './rules/proposing-body-acts-on-its-proposal.js';
import type { DecisionState } from './state.js';

export { initialDecisionState } from './initial-state.js';

/**
 * The pure decider: given the folded state and the workflow version the decision runs under,
 * either the events a command produces or a named refusal. Checks run in a fixed order so the
 * API's status codes are predictable: existence (404/409), stage (409), role (403), the actor's body
 * (403, naming the rule: no content of the request would fix it, only another actor), rules (422).
 */
export function decide(command: Command, state: DecisionState, workflow: WorkflowDefinition): Decision<DecisionEvent> {
  const refusal = guard(command, state, workflow);
  if (refusal) return { ok: false, refusal };
  return dispatch(command, state, workflow);
}

function guard(command: Command, state: DecisionState, workflow: WorkflowDefinition): Refusal | undefined {
  if (command.type === 'propose' && state.exists) return { kind: 'decision-already-exists' };
  if (command.type !== 'propose' && !state.exists) return { kind: 'decision-not-found' };
  if (SYSTEM_COMMAND_TYPES.includes(command.type)) {
    return command.actor.role === 'system'
      ? undefined
      : { kind: 'role-not-allowed', command: command.type, stage: state.stage, role: command.actor.role, allowedRoles: ['system'] };
  }
  const transition: TransitionDefinition | undefined = workflow.transitions.find((t) => t.command === command.type);
  // `propose` has no from-stage: existence above already stands for it.
  const stageOk = transition !== undefined && (command.type === 'propose' || transition.from.includes(state.stage));
  if (!stageOk) {
    return {
      kind: 'command-not-allowed-in-stage',
      command: command.type,
      stage: state.stage,
      allowedStages: transition ? [...transition.from] : [],
    };
  }
  if (!transition.roles.includes(command.actor.role)) {
    return {
      kind: 'role-not-allowed',
      command: command.type,
      stage: state.stage,
      role: command.actor.role,
      allowedRoles: [...transition.roles],
    };
  }
  return checkProposingBodyActs(command.type, command.actor, state);
}

function dispatch(command: Command, state: DecisionState, workflow: WorkflowDefinition): Decision<DecisionEvent> {
  switch (command.type) {
    case 'propose':
      return propose(command, workflow);
    case 'update-draft':
      return updateDraft(command, state, workflow);
    case 'submit':
      return submit(command);
    case 'assign-reviewer':
      return assignReviewer(command);
    case 'request-revision':
      return requestRevision(command, state);
    case 'resubmit':
      return resubmit(command, state, workflow);
    case 'appraise':
      return appraise(command);
    case 'record-legal-appraisal':
      return recordLegalAppraisal(command);
    case 'submit-to-council':
      return submitToCouncil(command);
    case 'record-council-vote':
      return recordCouncilVote(command, workflow);
    case 'decide':
      return decideDirectly(command);
    case 'issue':
      return issue(command, state, workflow);
    case 'amend':
      return amend(command, state, workflow);
    case 'revoke':
      return revoke(command, state);
    case 'reassign':
      return reassign(command, state);
    case 'withdraw':
      return withdraw(command);
    case 'expire':
      return expire(command, state);
    case 'file-report':
      return fileReport(command, state);
    case 'record-evaluation':
      return recordEvaluation(command, state);
    case 'request-consultation':
      return requestConsultation(command, state);
    case 'record-opinion':
      return recordOpinion(command, state);
    case 'close-consultation':
      return closeConsultation(command, state);
    case 'record-examination':
      return recordExamination(command);
    case 'record-findings':
      return recordFindings(command, state);
    default: {
      // A new command type that is not handled here fails to compile.
      const unhandled: never = command;
      throw new Error(`Unhandled command ${(unhandled as Command).type}`);
    }
  }
}
