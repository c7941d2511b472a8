/**
 * The shape every event-sourced context shares (Emmett, Dudycz): a pure decider over one stream.
 * `decide` answers a command with new events or a refusal; `evolve` folds one event into the state.
 * Neither reads the clock or does I/O: time, ids and the actor come in with the command, reference
 * data is looked up before `decide` runs and closed over by whoever builds the decider.
 */
export interface EventMeta {
  /** Stream version of the event (1 for the first). */
  version: number;
  /** ISO 8601 business instant (the event's metadata.occurredAt). */
  occurredAt: string;
}

export interface DomainEvent {
  type: string;
  data: unknown;
}

export type Decided<E, R> = { ok: true; events: E[] } | { ok: false; refusal: R };

export interface Decider<C, E extends DomainEvent, S, R> {
  initialState: (streamId: string) => S;
  evolve: (state: S, event: E, meta: EventMeta) => S;
  decide: (command: C, state: S) => Decided<E, R>;
}

/** Folds events in order from the initial state. */
export function foldEvents<C, E extends DomainEvent, S, R>(
  decider: Decider<C, E, S, R>,
  streamId: string,
  events: ReadonlyArray<{ event: E; meta: EventMeta }>,
): S {
  return events.reduce((s, e) => decider.evolve(s, e.event, e.meta), decider.initialState(streamId));
}
