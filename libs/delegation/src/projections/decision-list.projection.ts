import { foldForSearch } from '@app/kernel';
import type { Row } from '@app/event-store';
import type { DecisionState } from '../domain/state.js';
import { deadlinesProjection } from './deadlines.projection.js';
import type { DecisionProjection } from './decision-view.js';

/**
 * The deadline a list shows for a decision: the open deadline of its current stage, else (in effect) its
 * next open obligation (report, evaluation, end of period), the earliest due first.
 */
export function currentDeadline(rows: readonly Row[], stage: string): Row | undefined {
  const open = rows.filter((r) => r.status === 'open');
  return open.find((r) => r.kind === 'stage' && r.subject === stage)
    ?? open.filter((r) => r.kind !== 'stage').sort((a, b) => String(a.due_on).localeCompare(String(b.due_on)) || String(a.id).localeCompare(String(b.id)))[0];
}

/** What a search finds a decision by: its title, case number and the numbers of its documents, folded. */
function searchText(state: DecisionState): string {
  return foldForSearch([
    state.content.title, state.caseNumber, state.issuance?.documentNumber, state.councilVote?.resolutionNumber,
    state.councilSubmission?.submissionNumber, state.appraisal?.reportNumber, state.legalAppraisal?.reportNumber,
    ...state.amendments.map((a) => a.documentNumber), state.revocation?.documentNumber,
  ].filter(Boolean).join(' '));
}

/**
 * The board, the tables and the work lists: one row per decision, rewritten from the state after every
 * event, with its current deadline (from the deadlines projection's rows for the same view) and whom it
 * waits on: the deadline's responsible user, or role and body; a draft waits on its proposing body.
 */
export const decisionListProjection: DecisionProjection = {
  name: 'decision_list',
  // 2: case number, document number, search text, current deadline, whom the decision waits on.
  version: 2,
  table: 'decision_list',
  streamColumn: 'id',
  key: ['id'],
  columns: [
    'id', 'version', 'kind', 'stage', 'title', 'delegator_body_id', 'delegate_body_id', 'proposer_body_id', 'sector', 'power_ids',
    'workflow_version', 'period_from', 'period_to', 'reviewer_id', 'stage_entered_at', 'created_at', 'updated_at', 'province_id',
    'case_number', 'document_number', 'search_text', 'deadline_id', 'deadline_due_on', 'waiting_role', 'waiting_body_id', 'waiting_user_id',
  ],
  canHandle: () => true,
  rows: (view, ctx) => {
    const { state } = view;
    if (!state.exists) return [];
    const c = state.content;
    const deadline = currentDeadline(deadlinesProjection.rows(view, ctx), state.stage);
    const waiting = deadline
      ? { role: deadline.responsible_role, body: deadline.responsible_body_id ?? null, user: deadline.responsible_user_id ?? null }
      : state.stage === 'draft' ? { role: 'proposer', body: state.proposerBodyId, user: null } : undefined;
    return [{
      id: state.id, version: state.version, kind: state.kind, stage: state.stage, title: c.title,
      delegator_body_id: c.delegatorBodyId, delegate_body_id: c.delegateBodyId, proposer_body_id: state.proposerBodyId,
      sector: c.sector, power_ids: c.powerIds, workflow_version: state.workflow.version,
      period_from: c.period?.from ?? null, period_to: c.period?.to ?? null, reviewer_id: state.reviewerId ?? null,
      stage_entered_at: state.stageEnteredAt, created_at: state.createdAt, updated_at: state.updatedAt, province_id: ctx.provinceId,
      case_number: state.caseNumber ?? null, document_number: state.issuance?.documentNumber ?? null, search_text: searchText(state),
      deadline_id: deadline?.id ?? null, deadline_due_on: deadline?.due_on ?? null,
      waiting_role: waiting?.role ?? null, waiting_body_id: waiting?.body ?? null, waiting_user_id: waiting?.user ?? null,
    }];
  },
};
