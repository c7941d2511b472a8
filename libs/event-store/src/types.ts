import type { EventSignature } from './signing/event-signature.js';
import type { RowWrite } from './projections/table-projection.js';
import type { Sql } from './sql.js';

/**
 * Who did what, when, and why — stored beside the event data, never inside it.
 * `occurredAt` is the business instant (given by the caller: the domain never reads the clock);
 * extra keys are kept as they are.
 */
export interface EventMetadata {
  actorId: string;
  actorRole?: string;
  actorBodyId?: string;
  /** ISO 8601 instant; also stored in `events.occurred_at` for "state as of" reads. */
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  commandId?: string;
  [key: string]: unknown;
}

/** An event to append. `type` is an explicit stored name, never a class name. */
export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export interface StoredEvent {
  globalPosition: number;
  /** xid8 of the writing transaction, as a decimal string (it can exceed 2^53). */
  transactionId: string;
  streamId: string;
  streamType: string;
  streamVersion: number;
  type: string;
  /** Version after upcasting: the shape `data` has now. */
  schemaVersion: number;
  /** Version as written in the row. */
  storedSchemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: string;
  recordedAt: string;
  /** The writer's Ed25519 signature (see signing/): absent on a row the application did not write. */
  signature?: EventSignature;
}

/** Brings an old stored shape up to the current one; must be pure. */
export type Upcaster = (
  type: string,
  schemaVersion: number,
  data: unknown,
) => { schemaVersion: number; data: unknown };

/** A place in the commit-ordered log; see log-reader.ts for why it has two parts. */
export interface LogPosition {
  transactionId: string;
  globalPosition: number;
}

export const LOG_START: LogPosition = { transactionId: '0', globalPosition: 0 };

export interface CommandRef {
  id: string;
  type: string;
  payloadHash: string;
}

/**
 * Work a workflow asks for as data (Emmett's, and ARCHITECTURE.md's "workflows return intents"):
 * `id` is deterministic, so asking twice is asking once; `runAt` is when it is due (null: now).
 */
export interface Intent {
  id: string;
  kind: string;
  streamId: string;
  payload: Record<string, unknown>;
  runAt?: string | null;
}

/** The `value`-th number of the gap-free sequence `sequence` (table `sequences`), taken by one append. */
export interface SequenceClaim {
  sequence: string;
  value: number;
}

export interface AppendRequest {
  streamId: string;
  streamType: string;
  /** 0 = the stream must not exist yet. */
  expectedVersion: number;
  events: NewEvent[];
  metadata: EventMetadata;
  /** Makes the append idempotent on `id`. */
  command?: CommandRef;
  /** What a repeat of the command returns; stored as JSON in the ledger with the events. */
  result?: unknown;
  /**
   * Read-model rows written by the same statement as the events (inline projections): they commit
   * with the events or not at all, in one round trip, with no transaction held open in between.
   */
  writes?: RowWrite[];
  /** Work the new events ask for, recorded with them (table `intents`). */
  intents?: Intent[];
  /**
   * A number of a gap-free sequence the append takes (e.g. a case number): the events are written only
   * if `value` is the sequence's next number, and the sequence moves on in the same statement. Another
   * append that took it first fails this one with SequenceClaimLostError (nothing written).
   */
  claim?: SequenceClaim;
  /** Statements to run in the same transaction after the append (tests hold a transaction open with it). */
  inTransaction?: (tx: Sql, events: StoredEvent[]) => Promise<void>;
}

export interface AppendResult {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  events: StoredEvent[];
  /** True when the command had already been processed and nothing was written. */
  duplicate: boolean;
  result: unknown;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** ISO instant; keeps events with occurred_at <= it. */
  toInstant?: string;
}
