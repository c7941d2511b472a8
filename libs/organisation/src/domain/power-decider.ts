import type { Decider } from '@app/event-store';
import { decidePower, type PowerContext, type PowerRefusal } from './power-decide.js';
import type { PowerCommand, PowerEvent } from './power-events.js';
import { evolvePower, initialPowerState, type PowerState } from './power-state.js';

/**
 * A power's stream as a Decider, closing over what the application looked up before deciding
 * (bodies, sectors, codes in use). evolvePower counts versions itself (state.version + 1).
 */
export function powerDecider(lookups: PowerContext): Decider<PowerCommand, PowerEvent, PowerState, PowerRefusal> {
  return {
    initialState: initialPowerState,
    evolve: (state, event) => evolvePower(state, event),
    decide: (command, state) => decidePower(command, state, lookups),
  };
}
