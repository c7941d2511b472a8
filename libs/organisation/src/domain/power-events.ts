import type { IsoDate } from './types.js';

/**
 * The catalogue of state-management powers (nhiệm vụ, quyền hạn) as event streams: a power is
 * defined, revised and retired on effective dates. `type` is the stored name and never changes once
 * written; a change of shape bumps POWER_EVENT_SCHEMA_VERSIONS and adds an upcaster.
 */

/** What a power is on a given day. */
export interface PowerAttributes {
  powerId: string;
  code: string;
  titleVi: string;
  titleEn: string;
  /** Sector (lĩnh vực) code, e.g. `dat-dai`. */
  sector: string;
  /** The body that holds the power by law (phân quyền) before any delegation. */
  legalHolderBodyId: string;
  legalSource: string;
  /** Whether the law allows the power to be decentralised or authorised. */
  delegable: boolean;
  /** Codes of the related administrative procedures (thủ tục hành chính), e.g. `1.012778`. */
  procedureCodes: string[];
}

/** Every attribute but the id may be revised. */
export type PowerChanges = Partial<Omit<PowerAttributes, 'powerId'>>;
export const POWER_CHANGE_FIELDS = ['code', 'titleVi', 'titleEn', 'sector', 'legalHolderBodyId', 'legalSource', 'delegable', 'procedureCodes'] as const satisfies ReadonlyArray<keyof PowerChanges>;

interface Ev<T extends string, D> {
  type: T;
  data: D;
}

export type PowerDefined = Ev<'PowerDefined', PowerAttributes & { effectiveFrom: IsoDate }>;
/** Only the fields that change are recorded. */
export type PowerRevised = Ev<'PowerRevised', { changes: PowerChanges; reason: string; effectiveFrom: IsoDate }>;
/** From `effectiveFrom` the power is no longer in the catalogue: it can no longer be delegated. */
export type PowerRetired = Ev<'PowerRetired', { reason: string; effectiveFrom: IsoDate }>;

export type PowerEvent = PowerDefined | PowerRevised | PowerRetired;
export type PowerEventType = PowerEvent['type'];

/** The explicit registry of stored power event names and their current schema versions. */
export const POWER_EVENT_SCHEMA_VERSIONS: Record<PowerEventType, number> = {
  PowerDefined: 1,
  PowerRevised: 1,
  PowerRetired: 1,
};

export const isPowerEventType = (type: string): type is PowerEventType =>
  Object.prototype.hasOwnProperty.call(POWER_EVENT_SCHEMA_VERSIONS, type);

/** No power event has changed shape yet: every stored one is read as it is (unknown types are refused). */
export function upcastPowerEvent(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
  if (!isPowerEventType(type)) throw new Error(`Unknown power event type ${type}`);
  const target = POWER_EVENT_SCHEMA_VERSIONS[type];
  if (schemaVersion > target) throw new Error(`${type} schema ${schemaVersion} is newer than this code knows (${target})`);
  return { schemaVersion, data };
}

/** The stream of a power in the shared event log. */
export const POWER_STREAM_TYPE = 'power';
export const powerStreamId = (powerId: string): string => `power:${powerId}`;

/** Commands mirror the events one for one; who may run them is the application's concern. */
export type DefinePower = { type: 'define'; data: PowerDefined['data'] };
export type RevisePower = { type: 'revise'; data: PowerRevised['data'] };
export type RetirePower = { type: 'retire'; data: PowerRetired['data'] };
export type PowerCommand = DefinePower | RevisePower | RetirePower;
export type PowerCommandType = PowerCommand['type'];
export const POWER_COMMAND_TYPES: readonly PowerCommandType[] = ['define', 'revise', 'retire'];
