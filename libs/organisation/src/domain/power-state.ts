import type { PowerAttributes, PowerChanges, PowerEvent } from './power-events.js';
import type { IsoDate } from './types.js';

/** A power as folded from its events. `version` is the stream version. */
export interface PowerState {
  exists: boolean;
  id: string;
  version: number;
  retired: boolean;
  /** The latest attributes (kept after retirement, for the record). */
  current: PowerAttributes | null;
  definedOn?: IsoDate;
  /** Effective date of the latest change: later changes may not take effect before it. */
  lastChangeOn?: IsoDate;
  retiredOn?: IsoDate;
}

/**
 * One version of a power: its attributes over [validFrom, validTo) (validTo exclusive, null =
 * open-ended). One per event, numbered as the stream; a change on the same day as the previous one
 * leaves that version an empty interval (validTo = validFrom). A retirement is the last version.
 */
export interface PowerVersion extends PowerAttributes {
  version: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  retired: boolean;
}

export function initialPowerState(id: string): PowerState {
  return { exists: false, id, version: 0, retired: false, current: null };
}

/** Applies recorded changes to attributes (only the fields present). */
export function applyPowerChanges(attrs: PowerAttributes, changes: PowerChanges): PowerAttributes {
  const next = { ...attrs };
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) (next as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  return next;
}

/** Folds one event into the state. Pure. */
export function evolvePower(state: PowerState, event: PowerEvent): PowerState {
  const version = state.version + 1;
  switch (event.type) {
    case 'PowerDefined': {
      const { effectiveFrom, ...attrs } = event.data;
      return { exists: true, id: attrs.powerId, version, retired: false, current: { ...attrs, procedureCodes: [...attrs.procedureCodes] }, definedOn: effectiveFrom, lastChangeOn: effectiveFrom };
    }
    case 'PowerRevised':
      return { ...state, version, current: applyPowerChanges(state.current!, event.data.changes), lastChangeOn: event.data.effectiveFrom };
    case 'PowerRetired':
      return { ...state, version, retired: true, retiredOn: event.data.effectiveFrom, lastChangeOn: event.data.effectiveFrom };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown power event ${(unknown as PowerEvent).type}`);
    }
  }
}

export function foldPower(id: string, events: readonly PowerEvent[]): PowerState {
  return events.reduce(evolvePower, initialPowerState(id));
}

/** The power's versions, one per event: what the `power_versions` table stores. */
export function powerVersionsOf(events: readonly PowerEvent[]): PowerVersion[] {
  const rows: PowerVersion[] = [];
  let state: PowerState | undefined;
  for (const e of events) {
    state = evolvePower(state ?? initialPowerState(''), e);
    const from = e.data.effectiveFrom;
    const last = rows[rows.length - 1];
    if (last) last.validTo = from;
    rows.push({ ...state.current!, procedureCodes: [...state.current!.procedureCodes], version: state.version, validFrom: from, validTo: null, retired: state.retired });
  }
  return rows;
}

/** What the power was on `date`: its attributes, or null when not yet defined or already retired. */
export function powerAsOf(events: readonly PowerEvent[], date: IsoDate): PowerVersion | null {
  const row = powerVersionsOf(events).find((v) => v.validFrom <= date && (v.validTo === null || date < v.validTo));
  return row && !row.retired ? row : null;
}
