// The v1 workflows as they were written in TypeScript before they became data (definitions/*.json):
// kept for the test that proves the converted documents give the same definitions and replay the same.
import type { Stage } from '../../domain/types.js';
import type { WorkflowDefinition } from '../../workflows/definition.js';
import { ACCOUNTABILITY_TRANSITIONS, ISSUANCE_TRANSITIONS, pickStages, proposalTransitions, withdrawTransition } from './common.js';

const STAGES: Stage[] = [
  'draft',
  'submitted',
  'in-appraisal',
  'revision-requested',
  'appraised',
  'approved',
  'issued',
  'rejected',
  'withdrawn',
  'revoked',
  'expired',
];

/**
 * Ủy quyền: after the Sở Nội vụ appraisal UBND (or its chairman) decides directly; the
 * authorisation runs for a period and expires at its end.
 */
export const LEGACY_UY_QUYEN_V1: WorkflowDefinition = {
  id: 'uy-quyen',
  version: 1,
  title: { vi: 'Quy trình ủy quyền', en: 'Authorisation workflow' },
  source: 'Luật 72/2025/QH15 Điều 14',
  stages: pickStages(STAGES),
  transitions: [
    ...proposalTransitions('appraised'),
    {
      command: 'decide',
      from: ['appraised'],
      to: ['approved', 'rejected'],
      roles: ['committee-office'],
      label: { vi: 'Quyết định ủy quyền', en: 'Decide' },
    },
    ...ISSUANCE_TRANSITIONS,
    ...ACCOUNTABILITY_TRANSITIONS,
    {
      command: 'expire',
      from: ['issued'],
      to: ['expired'],
      // The worker ('system') runs it when the period ends; the office may record it by hand.
      roles: ['system', 'committee-office'],
      label: { vi: 'Hết thời hạn ủy quyền', en: 'Expire' },
    },
    withdrawTransition(STAGES),
  ],
  options: { requiresLegalAppraisal: false, requiresCouncilVote: false, requiresPeriod: true },
};
