import type { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from './errors.js';
import { readLog } from './log-reader.js';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './rows.js';
import {
  LOG_START,
  type AppendRequest,
  type AppendResult,
  type CommandRef,
  type LogPosition,
  type ReadStreamOptions,
  type StoredEvent,
  type Upcaster,
} from './types.js';

// The version check and the write are one statement: no gap between reading the version and
// inserting, and under READ COMMITTED a concurrent writer of the same version blocks on the
// unique index, then fails with 23505 — both outcomes become WrongExpectedVersionError.
const APPEND_SQL = `INSERT INTO events
    (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at)
  SELECT $1::text, $2::text, $3::int + e.ord, e.type, e.schema_version, e.data::jsonb, $7::jsonb, $8::timestamptz
  FROM unnest($4::text[], $5::int[], $6::text[]) WITH ORDINALITY AS e(type, schema_version, data, ord)
  WHERE (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1::text) = $3::int
  ORDER BY e.ord
  RETURNING ${EVENT_COLUMNS}`;

const RECORD_COMMAND_SQL = `INSERT INTO processed_commands
    (command_id, stream_id, command_type, payload_hash, from_version, to_version, result)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING result`;

const FIND_COMMAND_SQL = `SELECT stream_id, command_type, payload_hash, from_version, to_version, result
  FROM processed_commands WHERE command_id = $1`;

/** Constraints whose violation means "someone else got there first", not a bug. */
const RACE_CONSTRAINTS = new Set(['events_stream_version_uq', 'processed_commands_pkey']);

class NoRowsInserted extends Error {}

export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upcast?: Upcaster,
  ) {}

  async append(req: AppendRequest): Promise<AppendResult> {
    if (req.events.length === 0) throw new Error(`append to ${req.streamId} needs at least one event`);
    try {
      return await this.dataSource.transaction((m) => this.appendIn(m, req));
    } catch (e) {
      if (!(e instanceof NoRowsInserted) && !isRaceViolation(e)) throw e;
      // The transaction is gone; a fresh statement sees what the winner committed.
      const prior = req.command && (await this.findCommand(this.dataSource.manager, req.command, req.streamId));
      if (prior) return prior;
      throw new WrongExpectedVersionError(req.streamId, req.expectedVersion, await this.streamVersion(req.streamId));
    }
  }

  async readStream(streamId: string, opts: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.readStreamIn(this.dataSource.manager, streamId, opts);
  }

  async streamVersion(streamId: string): Promise<number> {
    const rows: Array<{ v: number }> = await this.dataSource.query(
      `SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1`,
      [streamId],
    );
    return rows[0].v;
  }

  /** The whole log in commit-safe order (see log-reader.ts), for rebuilding projections. */
  async readAll(opts: { after?: LogPosition; limit: number }): Promise<StoredEvent[]> {
    return readLog(this.dataSource.manager, opts.after ?? LOG_START, opts.limit, this.upcast);
  }

  private async appendIn(m: EntityManager, req: AppendRequest): Promise<AppendResult> {
    const { command } = req;
    if (command) {
      const prior = await this.findCommand(m, command, req.streamId);
      if (prior) return prior;
    }
    const metadata = command && req.metadata.commandId === undefined ? { ...req.metadata, commandId: command.id } : req.metadata;
    // Must stay the transaction's first write: see log-reader.ts (per-stream order for followers).
    const rows: EventRow[] = await m.query(APPEND_SQL, [
      req.streamId,
      req.streamType,
      req.expectedVersion,
      req.events.map((e) => e.type),
      req.events.map((e) => e.schemaVersion),
      req.events.map((e) => JSON.stringify(e.data ?? null)),
      JSON.stringify(metadata),
      metadata.occurredAt,
    ]);
    if (rows.length === 0) throw new NoRowsInserted();
    const events = rows.map((r) => toStoredEvent(r, this.upcast)).sort((a, b) => a.streamVersion - b.streamVersion);
    const fromVersion = req.expectedVersion + 1;
    const toVersion = req.expectedVersion + events.length;
    let result = req.result ? req.result(events) : null;
    if (command) {
      const stored: Array<{ result: unknown }> = await m.query(RECORD_COMMAND_SQL, [
        command.id, req.streamId, command.type, command.payloadHash, fromVersion, toVersion,
        JSON.stringify(result ?? null),
      ]);
      result = stored[0].result; // the JSON form, so a repeat returns exactly the same value
    }
    if (req.inTransaction) await req.inTransaction(m, events);
    return { streamId: req.streamId, fromVersion, toVersion, events, duplicate: false, result };
  }

  /**
   * The first result of a command already processed (duplicate: true), or undefined. Lets a caller
   * answer a repeat before re-deciding it against a state the first run has since changed.
   */
  async findProcessedCommand(command: CommandRef, streamId: string): Promise<AppendResult | undefined> {
    return this.findCommand(this.dataSource.manager, command, streamId);
  }

  private async findCommand(m: EntityManager, command: CommandRef, streamId: string): Promise<AppendResult | undefined> {
    const rows: Array<{
      stream_id: string; command_type: string; payload_hash: string;
      from_version: number; to_version: number; result: unknown;
    }> = await m.query(FIND_COMMAND_SQL, [command.id]);
    const row = rows[0];
    if (!row) return undefined;
    if (row.command_type !== command.type) throw new IdempotencyKeyReusedError(command.id, 'command type differs');
    if (row.payload_hash !== command.payloadHash) throw new IdempotencyKeyReusedError(command.id, 'payload differs');
    if (row.stream_id !== streamId) throw new IdempotencyKeyReusedError(command.id, 'stream differs');
    const events = await this.readStreamIn(m, row.stream_id, { fromVersion: row.from_version, toVersion: row.to_version });
    return {
      streamId: row.stream_id, fromVersion: row.from_version, toVersion: row.to_version,
      events, duplicate: true, result: row.result,
    };
  }

  private async readStreamIn(m: EntityManager, streamId: string, opts: ReadStreamOptions): Promise<StoredEvent[]> {
    const rows: EventRow[] = await m.query(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1
         AND ($2::int IS NULL OR stream_version >= $2::int)
         AND ($3::int IS NULL OR stream_version <= $3::int)
         AND ($4::timestamptz IS NULL OR occurred_at <= $4::timestamptz)
       ORDER BY stream_version`,
      [streamId, opts.fromVersion ?? null, opts.toVersion ?? null, opts.toInstant ?? null],
    );
    return rows.map((r) => toStoredEvent(r, this.upcast));
  }
}

function isRaceViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = err.driverError?.code ?? err.code;
  const constraint = err.driverError?.constraint ?? err.constraint;
  return code === '23505' && constraint !== undefined && RACE_CONSTRAINTS.has(constraint);
}
