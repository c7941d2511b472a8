import type { BodyEstablished, BodyMerged, BodyRenamed, BodyReparented, BodyAbolished } from './events.js';

/** Commands mirror the events one for one; who may run them is the application's concern. */
interface Base<T extends string, D> {
  type: T;
  data: D;
}

export type EstablishBody = Base<'establish', BodyEstablished['data']>;
export type RenameBody = Base<'rename', BodyRenamed['data']>;
export type ReparentBody = Base<'reparent', BodyReparented['data']>;
export type MergeBody = Base<'merge', BodyMerged['data']>;
export type AbolishBody = Base<'abolish', BodyAbolished['data']>;

export type BodyCommand = EstablishBody | RenameBody | ReparentBody | MergeBody | AbolishBody;
export type BodyCommandType = BodyCommand['type'];
export const BODY_COMMAND_TYPES: readonly BodyCommandType[] = ['establish', 'rename', 'reparent', 'merge', 'abolish'];
