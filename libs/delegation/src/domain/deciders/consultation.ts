import type { CloseConsultation, RecordExamination, RecordOpinion, RequestConsultation } from '../commands.js';
import type { ConsultationClosed, DecisionEvent } from '../events.js';
import { type DecisionResult, ok, refuse } from '../outcome.js';
import {
  checkConsultationClosesAfterDeadline,
  checkConsultationDueAfterRequest,
  checkConsultationNamesBodies,
  checkExaminationNotReadyHasReasons,
  checkOpinionFromAConsultedBody,
} from '../rules/index.js';
import type { DecisionState } from '../state.js';

/** Step kind "consultation": the named bodies are asked in parallel, each to answer by dueOn. */
export function requestConsultation(cmd: RequestConsultation, state: DecisionState): DecisionResult {
  const { bodyIds, dueOn, subject } = cmd.data;
  const v = checkConsultationNamesBodies(bodyIds, state.proposerBodyId) ?? checkConsultationDueAfterRequest(dueOn, cmd.now);
  if (v) return refuse(v);
  return ok({ type: 'ConsultationRequested', data: { round: (state.consultation?.round ?? 0) + 1, bodyIds: [...bodyIds], dueOn, subject } });
}

/** An answer is recorded; the last one outstanding closes the consultation with nothing missing. */
export function recordOpinion(cmd: RecordOpinion, state: DecisionState): DecisionResult {
  const c = state.consultation;
  const { bodyId, opinion, summary, reference } = cmd.data;
  const v = checkOpinionFromAConsultedBody(c, bodyId);
  if (v) return refuse(v);
  const round = c!.round;
  const received: DecisionEvent = {
    type: 'OpinionReceived',
    data: { round, bodyId, opinion, summary, ...(reference !== undefined && { reference }) },
  };
  const answered = c!.bodyIds.filter((b) => b === bodyId || c!.opinions[b] !== undefined);
  if (answered.length < c!.bodyIds.length) return ok(received);
  const closed: ConsultationClosed = { type: 'ConsultationClosed', data: { round, closedBy: 'all-answered', answered, missing: [] } };
  return ok(received, closed);
}

/** Once the due date is over, the consultation closes with the bodies that did not answer recorded. */
export function closeConsultation(cmd: CloseConsultation, state: DecisionState): DecisionResult {
  const c = state.consultation;
  const v = checkConsultationClosesAfterDeadline(c?.dueOn, cmd.now);
  if (v) return refuse(v);
  const answered = c!.bodyIds.filter((b) => c!.opinions[b] !== undefined);
  const missing = c!.bodyIds.filter((b) => c!.opinions[b] === undefined);
  return ok({ type: 'ConsultationClosed', data: { round: c!.round, closedBy: 'deadline', answered, missing } });
}

/** Step kind "examination": the HĐND committee's report (thẩm tra), ready or not for the session. */
export function recordExamination(cmd: RecordExamination): DecisionResult {
  const { committee, reportNumber, conclusion, summary, reasons } = cmd.data;
  const v = checkExaminationNotReadyHasReasons(conclusion, reasons);
  if (v) return refuse(v);
  return ok({
    type: 'ExaminationCompleted',
    data: { committee, reportNumber, conclusion, summary, ...(reasons !== undefined && { reasons }) },
  });
}
