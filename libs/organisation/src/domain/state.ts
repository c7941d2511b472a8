import type { BodyEvent } from './events.js';
import type { BodyAttributes, BodyStatus, BodyVersion, IsoDate } from './types.js';

/** A body as folded from its events. `version` is the stream version. */
export interface BodyState {
  exists: boolean;
  id: string;
  version: number;
  status: BodyStatus;
  /** The latest attributes (kept after the body ended, for the record). */
  current: BodyAttributes | null;
  establishedOn?: IsoDate;
  /** Effective date of the latest change: later changes may not take effect before it. */
  lastChangeOn?: IsoDate;
  endedOn?: IsoDate;
  successorId?: string;
}

export function initialBodyState(id: string): BodyState {
  return { exists: false, id, version: 0, status: 'active', current: null };
}

/** Folds one event into the state. Pure. */
export function evolveBody(state: BodyState, event: BodyEvent): BodyState {
  const version = state.version + 1;
  switch (event.type) {
    case 'BodyEstablished': {
      const { effectiveFrom, territory, ...rest } = event.data;
      return {
        exists: true, id: rest.bodyId, version, status: 'active',
        current: { ...rest, territory: territory ?? null },
        establishedOn: effectiveFrom, lastChangeOn: effectiveFrom,
      };
    }
    case 'BodyRenamed':
      return { ...state, version, current: { ...state.current!, nameVi: event.data.nameVi, nameEn: event.data.nameEn }, lastChangeOn: event.data.effectiveFrom };
    case 'BodyReparented':
      return { ...state, version, current: { ...state.current!, parentId: event.data.parentId }, lastChangeOn: event.data.effectiveFrom };
    case 'BodyMerged':
      return { ...state, version, status: 'merged', endedOn: event.data.effectiveFrom, lastChangeOn: event.data.effectiveFrom, successorId: event.data.intoBodyId };
    case 'BodyAbolished': {
      const { successorId, effectiveFrom } = event.data;
      return { ...state, version, status: 'abolished', endedOn: effectiveFrom, lastChangeOn: effectiveFrom, ...(successorId !== undefined && { successorId }) };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown body event ${(unknown as BodyEvent).type}`);
    }
  }
}

export function foldBody(id: string, events: readonly BodyEvent[]): BodyState {
  return events.reduce(evolveBody, initialBodyState(id));
}

/**
 * The body's history as intervals, one per distinct set of attributes: what the `body_versions`
 * table stores. A change on the same day as the previous one replaces that row (no empty interval).
 */
export function bodyVersionsOf(events: readonly BodyEvent[]): BodyVersion[] {
  const rows: BodyVersion[] = [];
  const open = (attrs: BodyAttributes, from: IsoDate, status: BodyVersion['status'] = 'active', successorId: string | null = null) => {
    const last = rows[rows.length - 1];
    if (last && last.validTo === null) {
      if (last.validFrom === from) rows.pop();
      else last.validTo = from;
    }
    rows.push({ ...attrs, validFrom: from, validTo: null, status, successorId });
  };
  let attrs: BodyAttributes | null = null;
  for (const e of events) {
    switch (e.type) {
      case 'BodyEstablished': {
        const { effectiveFrom, territory, ...rest } = e.data;
        attrs = { ...rest, territory: territory ?? null };
        open(attrs, effectiveFrom);
        break;
      }
      case 'BodyRenamed':
        attrs = { ...attrs!, nameVi: e.data.nameVi, nameEn: e.data.nameEn };
        open(attrs, e.data.effectiveFrom);
        break;
      case 'BodyReparented':
        attrs = { ...attrs!, parentId: e.data.parentId };
        open(attrs, e.data.effectiveFrom);
        break;
      case 'BodyMerged':
        open(attrs!, e.data.effectiveFrom, 'merged', e.data.intoBodyId);
        break;
      case 'BodyAbolished':
        open(attrs!, e.data.effectiveFrom, 'abolished', e.data.successorId ?? null);
        break;
      default:
        break;
    }
  }
  return rows;
}

/**
 * What the body was on `date`: its attributes, or null when it was not yet established or had
 * already been merged or abolished (the end date is its first day without the body).
 */
export function bodyAsOf(events: readonly BodyEvent[], date: IsoDate): BodyAttributes | null {
  const row = bodyVersionsOf(events).find((v) => v.validFrom <= date && (v.validTo === null || date < v.validTo));
  if (!row || row.status !== 'active') return null;
  const { validFrom: _f, validTo: _t, status: _s, successorId: _x, ...attrs } = row;
  return attrs;
}
