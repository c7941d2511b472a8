import type { Decider } from '@app/event-store';
import { currentWorkflow, getWorkflow } from '../workflows/registry.js';
import type { Command } from './commands.js';
import { decide } from './decide.js';
import type { Refusal } from './errors.js';
import type { DecisionEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialDecisionState } from './initial-state.js';
import type { DecisionState } from './state.js';

/**
 * A decision's stream as a Decider. The workflow is picked as ExecuteDecisionCommandHandler does:
 * a proposal starts under the current version of its kind; any later command runs under the
 * version the decision started with, which evolve() recorded.
 */
export const decisionDecider: Decider<Command, DecisionEvent, DecisionState, Refusal> = {
  initialState: initialDecisionState,
  evolve,
  decide: (command, state) => {
    // A proposal starts on the version it names when that version of its kind is registered; otherwise on
    // the default one, where workflow-matches-kind refuses a version that does not exist.
    if (command.type === 'propose')
      return decide(command, state, getWorkflow(command.data.kind, command.data.workflowVersion) ?? currentWorkflow(command.data.kind));
    const workflow = getWorkflow(state.workflow.id, state.workflow.version);
    if (workflow) return decide(command, state, workflow);
    // No events yet: the placeholder workflow (version 0) is registered nowhere, and the command has nothing to act on.
    if (!state.exists) return { ok: false, refusal: { kind: 'decision-not-found' } };
    // A stored decision under a version this code does not know is a deployment fault, not a refusal.
    throw new Error(`Workflow ${state.workflow.id} v${state.workflow.version} is not registered`);
  },
};
