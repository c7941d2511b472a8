import type { WorkflowDefinition } from '../../workflows/definition.js';
import type { Decide, RecordCouncilVote, SubmitToCouncil } from '../commands.js';
import { type DecisionResult, ok, refuse } from '../outcome.js';
import { checkCouncilQuorum, checkCouncilVoteCounts, checkRejectionHasReasons, councilOutcomeBy } from '../rules/index.js';

export function submitToCouncil(cmd: SubmitToCouncil): DecisionResult {
  const { submissionNumber, submittedOn } = cmd.data;
  return ok({ type: 'SubmittedToCouncil', data: { submissionNumber, submittedOn } });
}

/**
 * The outcome is computed from the tally, never typed in: the clerk records the numbers and the
 * law (Art. 35.2) says whether they pass. The vote step of the definition names the majority rule
 * (more than half of all delegates unless it says otherwise) and, when it has one, the quorum.
 */
export function recordCouncilVote(cmd: RecordCouncilVote, workflow: WorkflowDefinition): DecisionResult {
  const d = cmd.data;
  const vote = workflow.transitions.find((t) => t.command === 'record-council-vote')?.vote;
  const invalid = checkCouncilVoteCounts(d) ?? (vote?.quorum ? checkCouncilQuorum(d, vote.quorum.ofAllDelegates) : undefined);
  if (invalid) return refuse(invalid);
  const outcome = councilOutcomeBy(vote?.majority ?? 'more-than-half-of-all-delegates', d);
  if (outcome === 'rejected') {
    const v = checkRejectionHasReasons(d.reasons);
    if (v) return refuse(v);
  }
  return ok({
    type: 'CouncilVoteRecorded',
    data: {
      session: d.session,
      sessionDate: d.sessionDate,
      ...(d.resolutionNumber !== undefined && { resolutionNumber: d.resolutionNumber }),
      totalDelegates: d.totalDelegates,
      votesFor: d.votesFor,
      votesAgainst: d.votesAgainst,
      abstentions: d.abstentions,
      outcome,
      ...(d.reasons !== undefined && { reasons: d.reasons }),
    },
  });
}

export function decideDirectly(cmd: Decide): DecisionResult {
  const { outcome, decidedBy, reasons } = cmd.data;
  if (outcome === 'rejected') {
    const v = checkRejectionHasReasons(reasons);
    if (v) return refuse(v);
  }
  return ok({ type: 'DecisionMade', data: { outcome, decidedBy, ...(reasons !== undefined && { reasons }) } });
}
