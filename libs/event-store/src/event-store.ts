import type { DataSource } from 'typeorm';
import { IdempotencyKeyReusedError, SequenceClaimLostError, WrongExpectedVersionError } from './errors.js';
import { readLog } from './log-reader.js';
import { EVENT_COLUMNS, inJsonbOrder, isoText, toStoredEvent, type EventRow } from './rows.js';
import { writeCte, type RowWrite } from './projections/table-projection.js';
import type { EventSigningKeys } from './signing/event-signature.js';
import { sqlPool, type Sql, type SqlPool } from './sql.js';
import {
  LOG_START,
  type AppendRequest,
  type AppendResult,
  type CommandRef,
  type EventMetadata,
  type LogPosition,
  type ReadStreamOptions,
  type SequenceClaim,
  type StoredEvent,
  type Upcaster,
} from './types.js';

// One statement, one round trip: the version check, the events, the command's ledger row and the
// inline read-model rows (see appendSql).
// - No gap between reading the version and inserting: under READ COMMITTED a concurrent writer of the
//   same version blocks on the unique index, then fails with 23505; both outcomes (no row, or 23505)
//   become WrongExpectedVersionError.
// - The ledger row and the read-model rows are written only when the events were ($9 is NULL for an
//   append without a command id); a concurrent duplicate collides on the ledger's key, and the whole
//   statement (events included) fails.
// - Every write of the transaction happens after the statement's snapshot saw the previous version
//   committed: see log-reader.ts (per-stream order for followers).
// - Only what the row gets from the database comes back; the rest the caller already has.
const AT_EXPECTED_VERSION = `(SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1::text) = $3::int`;
const APPENDED = (claimed: boolean) => `appended AS (
    INSERT INTO events (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at, signature, key_id)
    SELECT $1::text, $2::text, $3::int + e.ord, e.type, e.schema_version, e.data::jsonb, $7::jsonb, $8::timestamptz, e.signature, $14::text
      FROM unnest($4::text[], $5::int[], $6::text[], $13::text[]) WITH ORDINALITY AS e(type, schema_version, data, signature, ord)
     WHERE ${AT_EXPECTED_VERSION}${claimed ? ' AND EXISTS (SELECT 1 FROM claimed)' : ''}
     ORDER BY e.ord
    RETURNING global_position, transaction_id::text AS transaction_id, stream_version, ${isoText('recorded_at')} AS recorded_at),
  recorded AS (
    INSERT INTO processed_commands (command_id, stream_id, command_type, payload_hash, from_version, to_version, result)
    SELECT $9::text, $1::text, $10::text, $11::text, $3::int + 1, $3::int + cardinality($4::text[]), $12::jsonb
     WHERE $9::text IS NOT NULL AND EXISTS (SELECT 1 FROM appended)
    RETURNING command_id)`;

/**
 * Takes number `value` of a gap-free sequence, in the append's own statement: only if it is the next
 * one (the first creates the sequence) and the stream is at the expected version, so that the number
 * and the events commit together or not at all. A concurrent append that took the number first holds
 * the row: this one waits for it, then finds the number gone and writes nothing (see the events' WHERE).
 * A refused command never reaches the statement, and a failed statement takes its number back.
 */
const claimCte = (sequence: string, value: string, first: boolean) => first
  ? `claimed AS (INSERT INTO sequences (name, last) SELECT ${sequence}::text, 1 WHERE ${AT_EXPECTED_VERSION}
      ON CONFLICT (name) DO NOTHING RETURNING last)`
  : `claimed AS (UPDATE sequences SET last = ${value}::int WHERE name = ${sequence}::text AND last = ${value}::int - 1
      AND ${AT_EXPECTED_VERSION} RETURNING last)`;

const GUARD = 'EXISTS (SELECT 1 FROM appended)';
/** $13 and $14 are the events' signatures and the key id; the inline read-model rows come after. */
const FIRST_WRITE = 15;

function appendSql(writes: readonly RowWrite[], intents: boolean, claim?: SequenceClaim): string {
  const ctes = writes.map((w, i) => `w${i} AS (${writeCte(w, `$${FIRST_WRITE + i}`, GUARD)})`);
  let next = FIRST_WRITE + writes.length;
  if (intents) {
    ctes.push(`asked AS (INSERT INTO intents (id, kind, stream_id, payload, run_at)
      SELECT id, kind, stream_id, payload, run_at FROM json_to_recordset($${next++}::json)
        AS i(id text, kind text, stream_id text, payload jsonb, run_at timestamptz)
       WHERE ${GUARD} ON CONFLICT (id) DO NOTHING)`);
  }
  const head = claim ? [claimCte(`$${next}`, `$${next + 1}`, claim.value === 1), APPENDED(true)] : [APPENDED(false)];
  return `WITH ${[...head, ...ctes].join(',\n  ')}\n  SELECT * FROM appended ORDER BY stream_version`;
}

const FIND_COMMAND_SQL = `SELECT stream_id, command_type, payload_hash, from_version, to_version, result
  FROM processed_commands WHERE command_id = $1`;

const READ_STREAM_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = $1
    AND ($2::int IS NULL OR stream_version >= $2::int)
    AND ($3::int IS NULL OR stream_version <= $3::int)
    AND ($4::timestamptz IS NULL OR occurred_at <= $4::timestamptz)
  ORDER BY stream_version`;

/** Constraints whose violation means "someone else got there first", not a bug. */
const RACE_CONSTRAINTS = new Set(['events_stream_version_uq', 'processed_commands_pkey']);

class NoRowsInserted extends Error {}

export class EventStore {
  readonly sql: SqlPool;

  /**
   * `signer`: the writer's key ring (signing/). Every append signs its events with it, here, where the
   * statement is built: never after the fact (a follower would sign a forger's rows too). Without one the
   * store can read, not append.
   */
  constructor(
    db: DataSource | SqlPool,
    private readonly upcast?: Upcaster,
    private readonly signer?: EventSigningKeys,
  ) {
    this.sql = 'transaction' in db && !('driver' in db) ? db : sqlPool(db as DataSource);
  }

  /**
   * Appends at `expectedVersion` (0: the stream must not exist). Without `inTransaction` this is one
   * autocommitted statement; with it, the statement and the inline projections share one transaction,
   * in which nothing else may wait (no second connection, no other I/O).
   */
  async append(req: AppendRequest): Promise<AppendResult> {
    if (req.events.length === 0) throw new Error(`append to ${req.streamId} needs at least one event`);
    try {
      if (!req.inTransaction) return await this.appendIn(this.sql, req);
      const inline = req.inTransaction;
      return await this.sql.transaction(async (tx) => {
        const appended = await this.appendIn(tx, req);
        await inline(tx, appended.events);
        return appended;
      });
    } catch (e) {
      if (!(e instanceof NoRowsInserted) && !isRaceViolation(e)) throw e;
      // The statement is gone; a fresh one sees what the winner committed.
      const prior = req.command && (await this.findCommand(this.sql, req.command, req.streamId));
      if (prior) return prior;
      const actual = await this.streamVersion(req.streamId);
      // The stream is where the caller expected it: the number claimed was the one taken by another append.
      if (req.claim && actual === req.expectedVersion) throw new SequenceClaimLostError(req.streamId, req.claim.sequence, req.claim.value);
      throw new WrongExpectedVersionError(req.streamId, req.expectedVersion, actual);
    }
  }

  async readStream(streamId: string, opts: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.sql.query<EventRow>(READ_STREAM_SQL, [
      streamId, opts.fromVersion ?? null, opts.toVersion ?? null, opts.toInstant ?? null,
    ], { prepare: true });
    return rows.map((r) => toStoredEvent(r, this.upcast));
  }

  /** The last number taken from a gap-free sequence (0 before the first): the next claim is this + 1. */
  async sequenceValue(sequence: string): Promise<number> {
    const rows = await this.sql.query<{ last: number }>(`SELECT last FROM sequences WHERE name = $1`, [sequence], { prepare: true });
    return rows[0]?.last ?? 0;
  }

  async streamVersion(streamId: string): Promise<number> {
    const rows = await this.sql.query<{ v: number }>(
      `SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1`,
      [streamId],
    );
    return rows[0].v;
  }

  /**
   * Every event of one stream type in (stream, version) order, after a keyset position: the events of
   * each stream come together, so a rebuild folds one stream at a time.
   */
  async readStreamsOfType(
    streamType: string,
    after: { streamId: string; version: number } | undefined,
    limit: number,
    sql: Sql = this.sql,
  ): Promise<StoredEvent[]> {
    const rows = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_type = $1 AND (stream_id, stream_version) > ($2::text, $3::int)
        ORDER BY stream_id, stream_version LIMIT $4`,
      [streamType, after?.streamId ?? '', after?.version ?? 0, limit],
    );
    return rows.map((r) => toStoredEvent(r, this.upcast));
  }

  /**
   * The oldest transaction still running (pg_snapshot_xmin): every event of a transaction below it is
   * final (committed, or never to appear). A read bounded by it gives the same rows for ever after.
   */
  async stableXmin(): Promise<string> {
    const [row] = await this.sql.query<{ xmin: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    return row.xmin;
  }

  /** The events of some streams written by transactions below `xmin` (stableXmin), in stream and version order. */
  async readStreamsBelow(streamIds: readonly string[], xmin: string): Promise<StoredEvent[]> {
    if (!streamIds.length) return [];
    const rows = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) AND transaction_id < $2::xid8
        ORDER BY stream_id, stream_version`,
      [streamIds, xmin],
    );
    return rows.map((r) => toStoredEvent(r, this.upcast));
  }

  /** The whole log in commit-safe order (see log-reader.ts), for rebuilding projections. */
  async readAll(opts: { after?: LogPosition; limit: number }): Promise<StoredEvent[]> {
    return readLog(this.sql, opts.after ?? LOG_START, opts.limit, this.upcast);
  }

  /**
   * The first result of a command already processed (duplicate: true), or undefined. Lets a caller
   * answer a repeat before re-deciding it against a state the first run has since changed.
   */
  async findProcessedCommand(command: CommandRef, streamId: string): Promise<AppendResult | undefined> {
    return this.findCommand(this.sql, command, streamId);
  }

  private async appendIn(sql: Sql, req: AppendRequest): Promise<AppendResult> {
    const { command } = req;
    const metadata = command && req.metadata.commandId === undefined ? { ...req.metadata, commandId: command.id } : req.metadata;
    const result = command ? JSON.parse(JSON.stringify(req.result ?? null)) : (req.result ?? null);
    const writes = req.writes ?? [];
    const data = req.events.map((e) => JSON.stringify(e.data ?? null));
    if (!this.signer) throw new Error(`append to ${req.streamId}: this event store has no signing key (it can read, not append)`);
    const signer = this.signer;
    // Signed as the database will hold it: the JSON text's value (jsonb keeps values; key order is canonical here).
    const storedMetadata = JSON.parse(JSON.stringify(metadata)) as unknown;
    const signatures = req.events.map((e, i) => signer.sign({
      streamId: req.streamId, streamType: req.streamType, streamVersion: req.expectedVersion + i + 1,
      type: e.type, storedSchemaVersion: e.schemaVersion, data: JSON.parse(data[i]), metadata: storedMetadata,
    }));
    const intents = req.intents ?? [];
    const rows = await sql.query<{ global_position: string; transaction_id: string; stream_version: number; recorded_at: Date | string }>(appendSql(writes, intents.length > 0, req.claim), [
      req.streamId,
      req.streamType,
      req.expectedVersion,
      req.events.map((e) => e.type),
      req.events.map((e) => e.schemaVersion),
      data,
      JSON.stringify(metadata),
      metadata.occurredAt,
      command?.id ?? null,
      command?.type ?? null,
      command?.payloadHash ?? null,
      JSON.stringify(result),
      signatures.map((g) => g.value),
      signer.current!.keyId,
      ...writes.map((w) => JSON.stringify(w.rows)),
      ...(intents.length ? [JSON.stringify(intents.map((i) => ({ id: i.id, kind: i.kind, stream_id: i.streamId, payload: i.payload, run_at: i.runAt ?? null })))] : []),
      ...(req.claim ? (req.claim.value === 1 ? [req.claim.sequence] : [req.claim.sequence, req.claim.value]) : []),
    ], { prepare: true });
    if (rows.length === 0) throw new NoRowsInserted();
    const occurredAt = new Date(metadata.occurredAt).toISOString();
    const events = rows.map((r, i): StoredEvent => {
      const e = req.events[i];
      return {
        globalPosition: Number(r.global_position), transactionId: r.transaction_id, streamId: req.streamId, streamType: req.streamType,
        streamVersion: r.stream_version, type: e.type, schemaVersion: e.schemaVersion, storedSchemaVersion: e.schemaVersion,
        data: inJsonbOrder(JSON.parse(data[i])), metadata: inJsonbOrder(metadata) as EventMetadata, occurredAt, recordedAt: String(r.recorded_at),
        signature: signatures[i],
      };
    });
    return {
      streamId: req.streamId,
      fromVersion: req.expectedVersion + 1,
      toVersion: req.expectedVersion + events.length,
      events,
      duplicate: false,
      // The JSON form, so that a repeat (read back from the ledger) returns exactly the same value.
      result,
    };
  }

  private async findCommand(sql: Sql, command: CommandRef, streamId: string): Promise<AppendResult | undefined> {
    const [row] = await sql.query<{
      stream_id: string; command_type: string; payload_hash: string;
      from_version: number; to_version: number; result: unknown;
    }>(FIND_COMMAND_SQL, [command.id], { prepare: true });
    if (!row) return undefined;
    if (row.command_type !== command.type) throw new IdempotencyKeyReusedError(command.id, 'command type differs');
    if (row.payload_hash !== command.payloadHash) throw new IdempotencyKeyReusedError(command.id, 'payload differs');
    if (row.stream_id !== streamId) throw new IdempotencyKeyReusedError(command.id, 'stream differs');
    const events = row.to_version >= row.from_version
      ? await this.readStream(row.stream_id, { fromVersion: row.from_version, toVersion: row.to_version })
      : [];
    return {
      streamId: row.stream_id, fromVersion: row.from_version, toVersion: row.to_version,
      events, duplicate: true, result: row.result,
    };
  }
}

function isRaceViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = err.driverError?.code ?? err.code;
  const constraint = err.driverError?.constraint ?? err.constraint;
  return code === '23505' && constraint !== undefined && RACE_CONSTRAINTS.has(constraint);
}
