import type { BodyCommand } from './commands.js';
import type { BodyEvent } from './events.js';
import {
  ABOLITION_HAS_REASON,
  BODY_ALREADY_ENDED,
  CHANGE_CHANGES_SOMETHING,
  CHANGE_NOT_BEFORE_LAST,
  ENDS_AFTER_ESTABLISHMENT,
  PARENT_DIFFERS,
  REFERENCED_BODY_ACTIVE,
  REFERENCED_BODY_EXISTS,
  SUCCESSOR_DIFFERS,
  type BodyRule,
} from './rules.js';
import type { BodyState } from './state.js';
import type { BodyStatus, IsoDate, Text } from './types.js';

/** Why decideBody() refused. The API maps each kind to one HTTP status. */
export type BodyRefusal =
  | { kind: 'body-not-found' } // 404
  | { kind: 'body-already-exists' } // 409
  | { kind: 'body-ended'; rule: BodyRule; status: BodyStatus; endedOn: IsoDate } // 409
  | { kind: 'rule-violated'; rule: BodyRule; field?: string; detail?: Text }; // 422

export type BodyDecision = { ok: true; events: BodyEvent[] } | { ok: false; refusal: BodyRefusal };

/** What the decider may know of another body a command names (parent, successor, merge target). */
export interface KnownBody {
  status: BodyStatus;
  endedOn?: IsoDate | null;
}

/** Looks another body up; the application loads them before deciding (the domain does no I/O). */
export type BodyLookup = (bodyId: string) => KnownBody | undefined;

const ok = (...events: BodyEvent[]): BodyDecision => ({ ok: true, events });
const violated = (rule: BodyRule, field?: string, detail?: Text): BodyDecision => ({
  ok: false,
  refusal: { kind: 'rule-violated', rule, ...(field !== undefined && { field }), ...(detail !== undefined && { detail }) },
});

/** A body named by a command must exist and still be active on the effective date. */
function checkReference(lookup: BodyLookup, id: string, field: string, on: IsoDate): BodyDecision | undefined {
  const known = lookup(id);
  if (!known) return violated(REFERENCED_BODY_EXISTS, field, { vi: `${field}: không có cơ quan "${id}".`, en: `${field}: no body "${id}" exists.` });
  if (known.status !== 'active' && (!known.endedOn || known.endedOn <= on)) {
    return violated(REFERENCED_BODY_ACTIVE, field, {
      vi: `${field}: cơ quan "${id}" đã ${known.status === 'merged' ? 'sáp nhập' : 'giải thể'}${known.endedOn ? ` từ ngày ${known.endedOn}` : ''}.`,
      en: `${field}: body "${id}" was ${known.status}${known.endedOn ? ` on ${known.endedOn}` : ''}.`,
    });
  }
  return undefined;
}

/**
 * The pure decider of a body's history. Checks run in a fixed order so the status codes are
 * predictable: existence (404/409), already ended (409), then the rules (422).
 */
export function decideBody(command: BodyCommand, state: BodyState, lookup: BodyLookup): BodyDecision {
  if (command.type === 'establish') {
    if (state.exists) return { ok: false, refusal: { kind: 'body-already-exists' } };
    const d = command.data;
    if (d.parentId === d.bodyId) return violated(PARENT_DIFFERS, 'parentId');
    if (d.parentId !== null) {
      const bad = checkReference(lookup, d.parentId, 'parentId', d.effectiveFrom);
      if (bad) return bad;
    }
    const { territory, ...rest } = d;
    return ok({ type: 'BodyEstablished', data: { ...rest, ...(territory != null && { territory }) } });
  }
  if (!state.exists) return { ok: false, refusal: { kind: 'body-not-found' } };
  if (state.status !== 'active') {
    return { ok: false, refusal: { kind: 'body-ended', rule: BODY_ALREADY_ENDED, status: state.status, endedOn: state.endedOn! } };
  }
  const { effectiveFrom } = command.data;
  if (state.lastChangeOn && effectiveFrom < state.lastChangeOn) {
    return violated(CHANGE_NOT_BEFORE_LAST, 'effectiveFrom', {
      vi: `effectiveFrom ${effectiveFrom} trước ngày hiệu lực của thay đổi gần nhất (${state.lastChangeOn}).`,
      en: `effectiveFrom ${effectiveFrom} is before the body's last change (${state.lastChangeOn}).`,
    });
  }
  const current = state.current!;
  switch (command.type) {
    case 'rename': {
      const { nameVi, nameEn } = command.data;
      if (nameVi === current.nameVi && nameEn === current.nameEn) return violated(CHANGE_CHANGES_SOMETHING, 'nameVi');
      return ok({ type: 'BodyRenamed', data: { nameVi, nameEn, effectiveFrom } });
    }
    case 'reparent': {
      const { parentId } = command.data;
      if (parentId === state.id) return violated(PARENT_DIFFERS, 'parentId');
      if (parentId === current.parentId) return violated(CHANGE_CHANGES_SOMETHING, 'parentId');
      if (parentId !== null) {
        const bad = checkReference(lookup, parentId, 'parentId', effectiveFrom);
        if (bad) return bad;
      }
      return ok({ type: 'BodyReparented', data: { parentId, effectiveFrom } });
    }
    case 'merge': {
      const { intoBodyId } = command.data;
      if (intoBodyId === state.id) return violated(SUCCESSOR_DIFFERS, 'intoBodyId');
      if (effectiveFrom <= state.establishedOn!) return violated(ENDS_AFTER_ESTABLISHMENT, 'effectiveFrom');
      const bad = checkReference(lookup, intoBodyId, 'intoBodyId', effectiveFrom);
      if (bad) return bad;
      return ok({ type: 'BodyMerged', data: { intoBodyId, effectiveFrom } });
    }
    case 'abolish': {
      const { successorId, reason } = command.data;
      if (successorId === state.id) return violated(SUCCESSOR_DIFFERS, 'successorId');
      if (typeof reason !== 'string' || reason.trim() === '') return violated(ABOLITION_HAS_REASON, 'reason');
      if (effectiveFrom <= state.establishedOn!) return violated(ENDS_AFTER_ESTABLISHMENT, 'effectiveFrom');
      if (successorId !== undefined) {
        const bad = checkReference(lookup, successorId, 'successorId', effectiveFrom);
        if (bad) return bad;
      }
      return ok({ type: 'BodyAbolished', data: { ...(successorId !== undefined && { successorId }), effectiveFrom, reason } });
    }
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled body command ${(unhandled as BodyCommand).type}`);
    }
  }
}
