// Given events / When command / Then events (or a named refusal) for any Decider. Test-only
// (excluded from the build by tsconfig.build.json's **/testing/**), hence jest's expect for the diffs.
import { expect } from '@jest/globals';
import type { Decided, Decider, DomainEvent, EventMeta } from '../decider.js';

/** occurredAt of every given event unless `at` says otherwise. */
export const GIVEN_AT = '2026-01-01T00:00:00.000Z';

export interface SpecOptions<C> {
  /** Passed to initialState (default 'stream-1'). */
  streamId?: string;
  /** occurredAt of the i-th event of the stream, 0-based (default GIVEN_AT for all). */
  at?: (index: number) => string;
  /**
   * occurredAt of the events the command produces, for thenState (default: `at` continued past the
   * given events). A handler stamps them with the command's time: `(c) => c.now` says so.
   */
  decidedAt?: (command: C, index: number) => string;
}

export type GivenOptions = Pick<SpecOptions<never>, 'streamId' | 'at'>;

/** A recursive partial, matched like jest's toMatchObject. */
export type DeepPartial<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A predicate (false fails; it may also throw its own expect) or a partial state to match. */
export type StateExpectation<S> = ((state: S) => boolean | void) | DeepPartial<S>;

export interface Recorded<E extends DomainEvent> {
  event: E;
  meta: EventMeta;
}

export interface Given<C, E extends DomainEvent, S, R> {
  /** The state folded from the given events by the decider's own evolve. */
  readonly state: S;
  readonly history: ReadonlyArray<Recorded<E>>;
  /** Runs decide once, now; the assertions below read its result. */
  when(command: C): When<E, S, R>;
}

/**
 * NB: `then` makes this object a thenable. Never `await` it or return it from a test without
 * calling `.then(events)`: a function passed as the expected events is refused with a clear error.
 */
export interface When<E extends DomainEvent, S, R> {
  readonly result: Decided<E, R>;
  /** Exactly these events, in this order (jest's toEqual on the list). */
  then(expected: E[]): { thenState(expectation: StateExpectation<S>): S };
  /**
   * Refused, by the rule with this id (`refusal.rule.id`) or with this kind (`refusal.kind`);
   * `details` is matched against the refusal like toMatchObject. Returns the refusal.
   */
  thenRefuses(idOrKind: string, details?: DeepPartial<R>): R;
  /** Accepted, whatever the events (for cases about a rule letting something through). Returns them. */
  thenAccepts(): E[];
  /** Accepted, and the state after folding the new events meets the expectation. Returns it. */
  thenState(expectation: StateExpectation<S>): S;
}

export interface DeciderSpec<C, E extends DomainEvent, S, R> {
  given(events?: ReadonlyArray<E> | ReadonlyArray<Recorded<E>>, opts?: GivenOptions): Given<C, E, S, R>;
}

export function specFor<C, E extends DomainEvent, S, R>(decider: Decider<C, E, S, R>, defaults: SpecOptions<C> = {}): DeciderSpec<C, E, S, R> {
  return {
    given(events = [], opts = {}) {
      const streamId = opts.streamId ?? defaults.streamId ?? 'stream-1';
      const at = opts.at ?? defaults.at ?? (() => GIVEN_AT);
      const history = events.map((e, i): Recorded<E> => (isRecorded(e) ? e : { event: e, meta: { version: i + 1, occurredAt: at(i) } }));
      const state = history.reduce((s, e) => decider.evolve(s, e.event, e.meta), decider.initialState(streamId));
      const decidedAt = defaults.decidedAt;
      return {
        state,
        history,
        when: (command) => whenOf(decider, state, history, decider.decide(command, state), (j) => decidedAt?.(command, j) ?? at(history.length + j)),
      };
    },
  };
}

function whenOf<C, E extends DomainEvent, S, R>(
  decider: Decider<C, E, S, R>,
  state: S,
  history: ReadonlyArray<Recorded<E>>,
  result: Decided<E, R>,
  occurredAt: (j: number) => string,
): When<E, S, R> {
  const accepted = (what: string): E[] => {
    if (result.ok) return result.events;
    throw new Error(`Expected ${what}, but the command was refused:\n${show(result.refusal)}`);
  };
  const stateAfter = (events: E[]): S => {
    const last = history.length ? history[history.length - 1]!.meta.version : 0;
    return events.reduce((s, e, j) => decider.evolve(s, e, { version: last + j + 1, occurredAt: occurredAt(j) }), state);
  };
  const checkState = (expectation: StateExpectation<S>, events: E[]): S => {
    const after = stateAfter(events);
    if (typeof expectation === 'function') {
      if ((expectation as (s: S) => boolean | void)(after) === false) {
        throw new Error(`The state after ${events.map((e) => e.type).join(', ') || 'no events'} does not satisfy the predicate:\n${show(after)}`);
      }
    } else {
      expect(after).toMatchObject(expectation as object);
    }
    return after;
  };
  return {
    result,
    then(expected) {
      if (typeof expected === 'function') throw new TypeError('When is not a promise: call .then(expectedEvents), do not await it');
      const actual = accepted(`events ${types(expected)}`);
      try {
        expect(actual).toEqual(expected);
      } catch (e) {
        throw new Error(`Expected events ${types(expected)}, got ${types(actual)}:\n${(e as Error).message}`);
      }
      return { thenState: (expectation) => checkState(expectation, actual) };
    },
    thenRefuses(idOrKind, details) {
      if (result.ok) throw new Error(`Expected a refusal "${idOrKind}", but the command produced ${types(result.events)}:\n${show(result.events)}`);
      const refusal = result.refusal as { kind?: unknown; rule?: { id?: unknown } } | undefined;
      if (refusal?.rule?.id !== idOrKind && refusal?.kind !== idOrKind) {
        throw new Error(`Expected a refusal "${idOrKind}" (rule id or kind), got:\n${show(result.refusal)}`);
      }
      if (details !== undefined) expect(result.refusal).toMatchObject(details as object);
      return result.refusal;
    },
    thenAccepts: () => accepted('the command to be accepted'),
    thenState: (expectation) => checkState(expectation, accepted('a state')),
  };
}

function isRecorded<E extends DomainEvent>(e: E | Recorded<E>): e is Recorded<E> {
  return typeof e === 'object' && e !== null && 'event' in e && 'meta' in e && !('type' in e);
}

const types = (events: readonly DomainEvent[]) => `[${events.map((e) => e.type).join(', ')}]`;
const show = (value: unknown) => JSON.stringify(value, null, 2);
