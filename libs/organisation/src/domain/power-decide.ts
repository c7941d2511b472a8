import type { KnownBody } from './decide.js';
import { POWER_CHANGE_FIELDS, type PowerChanges, type PowerCommand, type PowerEvent } from './power-events.js';
import {
  POWER_ALREADY_RETIRED,
  POWER_CHANGE_HAS_REASON,
  POWER_CHANGE_NOT_BEFORE_LAST,
  POWER_CODE_UNIQUE,
  POWER_HOLDER_BODY_ACTIVE,
  POWER_REVISION_CHANGES_SOMETHING,
  type PowerRule,
} from './power-rules.js';
import type { PowerState } from './power-state.js';
import type { IsoDate, Text } from './types.js';

/** Why decidePower() refused. The API maps each kind to one HTTP status. */
export type PowerRefusal =
  | { kind: 'power-not-found' } // 404
  | { kind: 'power-already-exists' } // 409
  | { kind: 'power-retired'; rule: PowerRule; retiredOn: IsoDate } // 409
  | { kind: 'unknown-references'; unknown: UnknownReference[] } // 400, one entry per field
  | { kind: 'code-taken'; rule: PowerRule; code: string; byPowerId: string } // 409
  | { kind: 'rule-violated'; rule: PowerRule; field?: string; detail?: Text }; // 422

/** A sector or legal holder body a command names that does not exist (or that the caller cannot see). */
export interface UnknownReference {
  field: string;
  value: string;
  what: 'body' | 'sector';
}

export type PowerDecision = { ok: true; events: PowerEvent[] } | { ok: false; refusal: PowerRefusal };

/** What the decider may know beyond the power's own stream; the application loads it (the domain does no I/O). */
export interface PowerContext {
  /** A body the command names as legal holder (undefined: no such body visible to the caller). */
  body: (bodyId: string) => KnownBody | undefined;
  sectorExists: (sector: string) => boolean;
  /** The other power already using `code`, if any. */
  codeUsedBy: (code: string) => string | undefined;
}

const ok = (...events: PowerEvent[]): PowerDecision => ({ ok: true, events });
const refuse = (refusal: PowerRefusal): PowerDecision => ({ ok: false, refusal });
const violated = (rule: PowerRule, field?: string, detail?: Text): PowerDecision =>
  refuse({ kind: 'rule-violated', rule, ...(field !== undefined && { field }), ...(detail !== undefined && { detail }) });

/** Procedure codes as a list without repeats, in the order given. */
export const normaliseProcedureCodes = (codes: readonly string[]): string[] => [...new Set(codes)];

const sameCodes = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Checks the references (sector, legal holder, code) of the attributes a command sets. */
function checkReferences(powerId: string, set: PowerChanges, ctx: PowerContext, on: IsoDate, prefix: string): PowerDecision | undefined {
  const unknown: UnknownReference[] = [];
  if (set.sector !== undefined && !ctx.sectorExists(set.sector)) unknown.push({ field: `${prefix}sector`, value: set.sector, what: 'sector' });
  const holder = set.legalHolderBodyId !== undefined ? ctx.body(set.legalHolderBodyId) : undefined;
  if (set.legalHolderBodyId !== undefined && !holder) unknown.push({ field: `${prefix}legalHolderBodyId`, value: set.legalHolderBodyId, what: 'body' });
  if (unknown.length) return refuse({ kind: 'unknown-references', unknown });
  if (set.legalHolderBodyId !== undefined) {
    const id = set.legalHolderBodyId;
    const known = holder!;
    if (known.status !== 'active' && (!known.endedOn || known.endedOn <= on)) {
      return violated(POWER_HOLDER_BODY_ACTIVE, `${prefix}legalHolderBodyId`, {
        vi: `${prefix}legalHolderBodyId: cơ quan "${id}" đã ${known.status === 'merged' ? 'sáp nhập' : 'giải thể'}${known.endedOn ? ` từ ngày ${known.endedOn}` : ''}.`,
        en: `${prefix}legalHolderBodyId: body "${id}" was ${known.status}${known.endedOn ? ` on ${known.endedOn}` : ''}.`,
      });
    }
  }
  if (set.code !== undefined) {
    const other = ctx.codeUsedBy(set.code);
    if (other !== undefined && other !== powerId) return refuse({ kind: 'code-taken', rule: POWER_CODE_UNIQUE, code: set.code, byPowerId: other });
  }
  return undefined;
}

/**
 * The pure decider of a power's history. Checks run in a fixed order so the status codes are
 * predictable: existence (404/409), already retired (409), references (400/422/409), then the rules (422).
 */
export function decidePower(command: PowerCommand, state: PowerState, ctx: PowerContext): PowerDecision {
  if (command.type === 'define') {
    if (state.exists) return refuse({ kind: 'power-already-exists' });
    const data = { ...command.data, procedureCodes: normaliseProcedureCodes(command.data.procedureCodes) };
    const bad = checkReferences(data.powerId, data, ctx, data.effectiveFrom, '');
    if (bad) return bad;
    return ok({ type: 'PowerDefined', data });
  }
  if (!state.exists) return refuse({ kind: 'power-not-found' });
  if (state.retired) return refuse({ kind: 'power-retired', rule: POWER_ALREADY_RETIRED, retiredOn: state.retiredOn! });
  const { effectiveFrom, reason } = command.data;
  if (state.lastChangeOn && effectiveFrom < state.lastChangeOn) {
    return violated(POWER_CHANGE_NOT_BEFORE_LAST, 'effectiveFrom', {
      vi: `effectiveFrom ${effectiveFrom} trước ngày hiệu lực của thay đổi gần nhất (${state.lastChangeOn}).`,
      en: `effectiveFrom ${effectiveFrom} is before the power's last change (${state.lastChangeOn}).`,
    });
  }
  if (typeof reason !== 'string' || reason.trim() === '') return violated(POWER_CHANGE_HAS_REASON, 'reason');
  switch (command.type) {
    case 'retire':
      return ok({ type: 'PowerRetired', data: { reason, effectiveFrom } });
    case 'revise': {
      const current = state.current!;
      // Only what differs is recorded; a revision that differs in nothing is refused.
      const changes: PowerChanges = {};
      for (const key of POWER_CHANGE_FIELDS) {
        const value = command.data.changes[key];
        if (value === undefined) continue;
        if (key === 'procedureCodes') {
          const codes = normaliseProcedureCodes(value as string[]);
          if (!sameCodes(codes, current.procedureCodes)) changes.procedureCodes = codes;
        } else if (value !== current[key]) {
          (changes as Record<string, unknown>)[key] = value;
        }
      }
      if (!Object.keys(changes).length) return violated(POWER_REVISION_CHANGES_SOMETHING, 'changes');
      const bad = checkReferences(state.id, changes, ctx, effectiveFrom, 'changes.');
      if (bad) return bad;
      return ok({ type: 'PowerRevised', data: { changes, reason, effectiveFrom } });
    }
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled power command ${(unhandled as PowerCommand).type}`);
    }
  }
}
