import { holdingsOf } from '../registry/holdings.js';
import type { DecisionProjection } from './decision-view.js';

const CHANGES_HOLDINGS = new Set(['DecisionIssued', 'DecisionAmended', 'DecisionReassigned', 'DecisionRevoked', 'DelegationExpired']);

/** The power registry: who holds which power over which interval, by this decision (registry/holdings.ts). */
export const powerHoldingsProjection: DecisionProjection = {
  name: 'power_holdings',
  version: 1,
  table: 'power_holdings',
  streamColumn: 'decision_id',
  key: ['decision_id', 'seq'],
  columns: ['decision_id', 'seq', 'power_id', 'holder_body_id', 'delegator_body_id', 'kind', 'valid_from', 'valid_to'],
  canHandle: (type) => CHANGES_HOLDINGS.has(type),
  rows: ({ streamId, events }) =>
    holdingsOf(events.map((e) => e.event)).map((h, seq) => ({
      decision_id: streamId, seq, power_id: h.powerId, holder_body_id: h.holderBodyId, delegator_body_id: h.delegatorBodyId,
      kind: h.kind, valid_from: h.validFrom, valid_to: h.validTo,
    })),
};
