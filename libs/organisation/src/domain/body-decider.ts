import type { Decider } from '@app/event-store';
import type { BodyCommand } from './commands.js';
import { decideBody, type BodyLookup, type BodyRefusal } from './decide.js';
import type { BodyEvent } from './events.js';
import { evolveBody, initialBodyState, type BodyState } from './state.js';

/**
 * A body's stream as a Decider. The other bodies a command names are looked up by the application
 * before deciding (the domain does no I/O), so the decider closes over that lookup.
 * evolveBody counts versions itself (state.version + 1); the stream version in `meta` agrees with it.
 */
export function bodyDecider(lookup: BodyLookup): Decider<BodyCommand, BodyEvent, BodyState, BodyRefusal> {
  return {
    initialState: initialBodyState,
    evolve: (state, event) => evolveBody(state, event),
    decide: (command, state) => decideBody(command, state, lookup),
  };
}
