import type { WorkflowDefinition } from '../workflows/definition.js';
import { stageAfter } from '../workflows/from-document.js';
import { getWorkflow } from '../workflows/registry.js';
import { applyChanges } from './content.js';
import type { DecisionEvent } from './events.js';
import { initialDecisionState } from './initial-state.js';
import type { DecisionState, EvaluationRecord } from './state.js';
import type { IsoInstant, Stage } from './types.js';

/** The evaluation of `year` records what followed it up (its first follow-up stays). */
function followUp(state: DecisionState, year: number, by: NonNullable<EvaluationRecord['followedBy']>): EvaluationRecord[] {
  return (state.evaluations ?? []).map((e) => (e.year === year && !e.followedBy ? { ...e, followedBy: by } : e));
}

export interface EventMeta {
  occurredAt: IsoInstant;
  version: number;
}

/**
 * Folds one event into the state. Pure: returns a new object. Time comes from the event's
 * metadata, so replaying a stream gives the same state, stage clocks included.
 */
export function evolve(state: DecisionState, event: DecisionEvent, meta: EventMeta): DecisionState {
  const next = apply(state, event, meta);
  // Reassigning a reviewer or amending keeps the stage: its clock must not restart.
  const entered = !state.exists || next.stage !== state.stage;
  return {
    ...next,
    version: meta.version,
    createdAt: state.exists ? state.createdAt : meta.occurredAt,
    updatedAt: meta.occurredAt,
    stageEnteredAt: entered ? meta.occurredAt : state.stageEnteredAt,
  };
}

export function foldDecision(
  id: string,
  events: Array<{ event: DecisionEvent; occurredAt: string; version: number }>,
): DecisionState {
  return events.reduce(
    (state, e) => evolve(state, e.event, { occurredAt: e.occurredAt, version: e.version }),
    initialDecisionState(id),
  );
}

function rejected(state: DecisionState, reasons: string[] | undefined): DecisionState {
  return { ...state, stage: 'rejected', rejectionReasons: reasons ?? [] };
}

function workflowOf(state: DecisionState): WorkflowDefinition {
  const wf = getWorkflow(state.workflow.id, state.workflow.version);
  if (!wf) throw new Error(`Unknown workflow ${state.workflow.id} v${state.workflow.version} for ${state.id}`);
  return wf;
}

/**
 * Where a step leads is read from the definition the decision started under (its transitions and their
 * conditions on the event's data), not from today's: the stored events stay readable after a workflow
 * changes. A definition without an outcome for the event is a fault of the definition.
 */
function definedStage(state: DecisionState, command: string, data: object): Stage {
  const wf = workflowOf(state);
  const stage = stageAfter(wf, command, data as Record<string, unknown>);
  if (!stage) throw new Error(`Workflow ${wf.id} v${wf.version} has no outcome of ${command} for ${state.id}`);
  return stage;
}

function apply(state: DecisionState, event: DecisionEvent, meta: EventMeta): DecisionState {
  switch (event.type) {
    case 'ProposalDrafted': {
      const { decisionId, kind, proposerBodyId, workflow, caseNumber, ...content } = event.data;
      return { ...initialDecisionState(decisionId), exists: true, kind, workflow, proposerBodyId, content, ...(caseNumber !== undefined && { caseNumber }) };
    }
    case 'DraftUpdated':
      return { ...state, content: applyChanges(state.content, event.data.changes) };
    case 'ProposalSubmitted':
      return { ...state, stage: 'submitted' };
    case 'ReviewerAssigned':
      return { ...state, stage: 'in-appraisal', reviewerId: event.data.reviewerId };
    case 'RevisionRequested':
      return { ...state, stage: 'revision-requested', revisionRound: event.data.round };
    case 'ProposalResubmitted':
      return { ...state, stage: 'in-appraisal', content: applyChanges(state.content, event.data.changes) };
    case 'AppraisalCompleted': {
      const s = { ...state, appraisal: event.data };
      return event.data.opinion === 'favourable' ? { ...s, stage: definedStage(state, 'appraise', event.data) } : rejected(s, event.data.reasons);
    }
    case 'LegalAppraisalRecorded': {
      const s = { ...state, legalAppraisal: event.data };
      return event.data.opinion === 'lawful' ? { ...s, stage: 'appraised' } : rejected(s, event.data.reasons);
    }
    case 'SubmittedToCouncil':
      // v1: straight to the session; phân cấp v2: to the HĐND committee's examination first.
      return { ...state, stage: definedStage(state, 'submit-to-council', event.data), councilSubmission: event.data };
    case 'ExaminationCompleted':
      return { ...state, stage: definedStage(state, 'record-examination', event.data), examination: event.data };
    case 'ConsultationRequested': {
      const { round, bodyIds, dueOn, subject } = event.data;
      return { ...state, stage: definedStage(state, 'request-consultation', event.data), consultation: { round, bodyIds, dueOn, subject, opinions: {} } };
    }
    case 'OpinionReceived': {
      const c = state.consultation!;
      const { bodyId, opinion, summary, reference } = event.data;
      const answer = { opinion, summary, ...(reference !== undefined && { reference }), receivedAt: meta.occurredAt };
      return { ...state, consultation: { ...c, opinions: { ...c.opinions, [bodyId]: answer } } };
    }
    case 'ConsultationClosed': {
      const c = state.consultation!;
      const { closedBy, missing } = event.data;
      const stage = definedStage(state, closedBy === 'deadline' ? 'close-consultation' : 'record-opinion', event.data);
      return { ...state, stage, consultation: { ...c, closed: { closedBy, missing, closedAt: meta.occurredAt } } };
    }
    case 'CouncilVoteRecorded': {
      const s = { ...state, councilVote: event.data };
      return event.data.outcome === 'approved' ? { ...s, stage: 'approved' } : rejected(s, event.data.reasons);
    }
    case 'DecisionMade': {
      const s = { ...state, decision: event.data };
      return event.data.outcome === 'approved' ? { ...s, stage: 'approved' } : rejected(s, event.data.reasons);
    }
    case 'DecisionIssued':
      return { ...state, stage: 'issued', issuance: event.data };
    case 'DecisionAmended': {
      const { changes, ...amendment } = event.data;
      const content = applyChanges(state.content, changes);
      // An amended ủy quyền period moves the end of the authorisation with it.
      const issuance =
        state.issuance && state.issuance.effectiveTo !== undefined && content.period
          ? { ...state.issuance, effectiveTo: content.period.to }
          : state.issuance;
      const { evaluationRef } = event.data;
      const evaluations = evaluationRef
        ? followUp(state, evaluationRef.year, { command: 'amend', documentNumber: amendment.documentNumber, effectiveFrom: amendment.effectiveFrom, amendment: amendment.amendment, at: meta.occurredAt })
        : state.evaluations;
      return { ...state, content, issuance, amendments: [...state.amendments, amendment], evaluations };
    }
    case 'DecisionReassigned': {
      const { fromBodyId, toBodyId, side } = event.data;
      const content = {
        ...state.content,
        ...(side !== 'delegator' && state.content.delegateBodyId === fromBodyId && { delegateBodyId: toBodyId }),
        ...(side !== 'delegate' && state.content.delegatorBodyId === fromBodyId && { delegatorBodyId: toBodyId }),
      };
      return { ...state, content, reassignments: [...(state.reassignments ?? []), event.data] };
    }
    case 'DecisionRevoked': {
      const { evaluationRef, documentNumber, effectiveFrom } = event.data;
      const evaluations = evaluationRef
        ? followUp(state, evaluationRef.year, { command: 'revoke', documentNumber, effectiveFrom, at: meta.occurredAt })
        : state.evaluations;
      return { ...state, stage: 'revoked', revocation: event.data, evaluations };
    }
    case 'ProposalWithdrawn':
      return { ...state, stage: 'withdrawn', withdrawal: event.data };
    case 'DelegationExpired':
      return { ...state, stage: 'expired', expiredOn: event.data.expiredOn };
    // Accountability facts: recorded on the decision, never a change of stage.
    case 'FindingRaised': {
      // Raising again a finding resolved earlier reopens it with a fresh record.
      const { details, ...f } = event.data;
      const record = { ...f, ...(details !== undefined && { details }), open: true, raisedAt: meta.occurredAt };
      return { ...state, findings: { ...state.findings, [f.findingId]: record } };
    }
    case 'FindingResolved': {
      const current = state.findings?.[event.data.findingId];
      if (!current) return state;
      const resolved = { ...current, open: false, resolvedAt: meta.occurredAt, resolution: event.data.reason };
      return { ...state, findings: { ...state.findings, [current.findingId]: resolved } };
    }
    case 'ImplementationReportFiled': {
      const { period, summary, documents } = event.data;
      return { ...state, reports: [...(state.reports ?? []), { period, summary, filedAt: meta.occurredAt, documents }] };
    }
    case 'EvaluationRecorded': {
      const { year, result, summary, recommendations, conditionResults, resourcesUsed, problems, recommendation } = event.data;
      const record = {
        year, result, summary, recordedAt: meta.occurredAt, ...(recommendations !== undefined && { recommendations }),
        ...(conditionResults !== undefined && { conditionResults }), ...(resourcesUsed !== undefined && { resourcesUsed }),
        ...(problems !== undefined && { problems }), ...(recommendation !== undefined && { recommendation }),
      };
      return { ...state, evaluations: [...(state.evaluations ?? []), record] };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${(unknown as DecisionEvent).type}`);
    }
  }
}
