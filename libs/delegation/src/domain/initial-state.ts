import type { DecisionState } from './state.js';

/**
 * The state of a decision with no events yet. Placeholders (kind, workflow version 0) are never
 * read: decide() refuses every command but `propose` while `exists` is false.
 */
export function initialDecisionState(id: string): DecisionState {
  return {
    exists: false,
    id,
    version: 0,
    kind: 'phan-cap',
    workflow: { id: 'phan-cap', version: 0 },
    stage: 'draft',
    proposerBodyId: '',
    content: {
      title: '',
      delegatorBodyId: '',
      delegateBodyId: '',
      powerIds: [],
      sector: '',
      legalBasis: [],
      resources: { budgetVnd: 0, staffPositions: 0, facilities: [] },
      conditions: [],
      justification: '',
      documents: [],
    },
    revisionRound: 0,
    amendments: [],
    findings: {},
    reports: [],
    evaluations: [],
  };
}
