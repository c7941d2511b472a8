import type { Decision, Refusal } from './errors.js';
import type { DecisionEvent } from './events.js';

export type DecisionResult = Decision<DecisionEvent>;

export function ok(...events: DecisionEvent[]): DecisionResult {
  return { ok: true, events };
}

export function refuse(refusal: Refusal): DecisionResult {
  return { ok: false, refusal };
}
