import type { BodyLevel, BodyType, IsoDate } from './types.js';

/**
 * The facts of a body's life, each on an effective date. `type` is the stored name and never changes
 * once written; a change of shape bumps BODY_EVENT_SCHEMA_VERSIONS and adds an upcaster.
 */
interface Ev<T extends string, D> {
  type: T;
  data: D;
}

export type BodyEstablished = Ev<
  'BodyEstablished',
  {
    bodyId: string;
    nameVi: string;
    nameEn: string;
    level: BodyLevel;
    type: BodyType;
    parentId: string | null;
    provinceId: string;
    territory?: string | null;
    effectiveFrom: IsoDate;
  }
>;
export type BodyRenamed = Ev<'BodyRenamed', { nameVi: string; nameEn: string; effectiveFrom: IsoDate }>;
export type BodyReparented = Ev<'BodyReparented', { parentId: string | null; effectiveFrom: IsoDate }>;
/** The body ceased by merging into another, which takes over its tasks. */
export type BodyMerged = Ev<'BodyMerged', { intoBodyId: string; effectiveFrom: IsoDate }>;
/** The body ceased (e.g. a district body on 1 July 2025); `successorId` takes over its tasks, if named. */
export type BodyAbolished = Ev<'BodyAbolished', { successorId?: string; effectiveFrom: IsoDate; reason: string }>;

export type BodyEvent = BodyEstablished | BodyRenamed | BodyReparented | BodyMerged | BodyAbolished;
export type BodyEventType = BodyEvent['type'];

/** The explicit registry of stored body event names and their current schema versions. */
export const BODY_EVENT_SCHEMA_VERSIONS: Record<BodyEventType, number> = {
  BodyEstablished: 1,
  BodyRenamed: 1,
  BodyReparented: 1,
  BodyMerged: 1,
  BodyAbolished: 1,
};

export const isBodyEventType = (type: string): type is BodyEventType =>
  Object.prototype.hasOwnProperty.call(BODY_EVENT_SCHEMA_VERSIONS, type);

/** No body event has changed shape yet: every stored one is read as it is (unknown types are refused). */
export function upcastBodyEvent(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
  if (!isBodyEventType(type)) throw new Error(`Unknown body event type ${type}`);
  const target = BODY_EVENT_SCHEMA_VERSIONS[type];
  if (schemaVersion > target) throw new Error(`${type} schema ${schemaVersion} is newer than this code knows (${target})`);
  return { schemaVersion, data };
}

/** The stream of a body in the shared event log. */
export const BODY_STREAM_TYPE = 'body';
export const bodyStreamId = (bodyId: string): string => `body:${bodyId}`;
