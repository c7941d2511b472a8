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
  'legal-appraisal',
  'appraised',
  'awaiting-council',
  'approved',
  'issued',
  'rejected',
  'withdrawn',
  'revoked',
];

/**
 * Phân cấp: Sở Nội vụ appraises, Sở Tư pháp checks the legality of the draft legal document,
 * then UBND submits to HĐND, which must pass it before the decision is issued.
 */
export const LEGACY_PHAN_CAP_V1: WorkflowDefinition = {
  id: 'phan-cap',
  version: 1,
  title: { vi: 'Quy trình phân cấp', en: 'Decentralisation workflow' },
  source: 'Luật 72/2025/QH15 Điều 13, 35.2; Nghị quyết 04/NQ-CP; Kế hoạch (seed 001) III.3',
  stages: pickStages(STAGES),
  transitions: [
    ...proposalTransitions('legal-appraisal'),
    {
      command: 'record-legal-appraisal',
      from: ['legal-appraisal'],
      to: ['appraised', 'rejected'],
      roles: ['legal-appraiser'],
      label: { vi: 'Ghi nhận thẩm định pháp lý', en: 'Record legal appraisal' },
    },
    {
      command: 'submit-to-council',
      from: ['appraised'],
      to: ['awaiting-council'],
      roles: ['committee-office'],
      label: { vi: 'Trình HĐND', en: 'Submit to council' },
    },
    {
      command: 'record-council-vote',
      from: ['awaiting-council'],
      to: ['approved', 'rejected'],
      roles: ['council-office'],
      label: { vi: 'Ghi nhận kết quả biểu quyết của HĐND', en: 'Record council vote' },
    },
    ...ISSUANCE_TRANSITIONS,
    ...ACCOUNTABILITY_TRANSITIONS,
    withdrawTransition(STAGES),
  ],
  options: { requiresLegalAppraisal: true, requiresCouncilVote: true, requiresPeriod: false },
};
