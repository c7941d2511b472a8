import type { WorkingCalendar } from '@app/calendar';
import type { StreamView, TableProjection } from '@app/event-store';
import type { DecisionEvent } from '../domain/events.js';
import type { DecisionState } from '../domain/state.js';
import type { Role } from '../domain/types.js';

/** A decision's stream as the projections see it. */
export type DecisionStreamView = StreamView<DecisionEvent, DecisionState>;

/**
 * The reference data the decision projections read, loaded (or taken from the process cache) before
 * the append transaction begins, never inside it.
 */
export interface DecisionProjectionContext {
  calendar: WorkingCalendar;
  /** The province of the decision's delegator body (what access scopes filter on). */
  provinceId: string | null;
  /** Which body answers for a role in that province (e.g. the Sở Nội vụ for reviewers); null when none. */
  bodyOfRole: (role: Role) => string | null;
  reminderLeadWorkingDays: number;
  expiryWarningDays: number;
}

export type DecisionProjection = TableProjection<DecisionStreamView, DecisionProjectionContext>;

/** The events of a view in the shape the pure schedule and registry functions take. */
export const eventsWithMeta = (view: Pick<DecisionStreamView, 'events'>) =>
  view.events.map((e) => ({ event: e.event, occurredAt: e.meta.occurredAt, version: e.meta.version, state: e.state }));
