import type { EventMetadata, StoredEvent, Upcaster } from './types.js';

/**
 * An instant as the text JavaScript's toISOString writes (UTC, milliseconds, "Z"), formatted by the
 * database: no Date object per column per row, and the strings compare equal to the app's own.
 */
export const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Columns every read selects; transaction_id as text because xid8 may exceed 2^53. */
export const EVENT_COLUMNS = `global_position, transaction_id::text AS transaction_id, stream_id,
  stream_type, stream_version, event_type, schema_version, data, metadata,
  ${isoText('occurred_at')} AS occurred_at, ${isoText('recorded_at')} AS recorded_at, signature, key_id`;

export interface EventRow {
  global_position: string | number;
  transaction_id: string;
  stream_id: string;
  stream_type: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: Date | string;
  recorded_at: Date | string;
  /** The writer's signature; null on a row the application did not write. */
  signature?: string | null;
  key_id?: string | null;
}

const iso = (v: Date | string): string => (typeof v === 'string' && v.endsWith('Z') ? v : new Date(v).toISOString());

/** Upcasting happens here, on every read, so stored rows never change. */
export function toStoredEvent(row: EventRow, upcast?: Upcaster): StoredEvent {
  const current = upcast
    ? upcast(row.event_type, row.schema_version, row.data)
    : { schemaVersion: row.schema_version, data: row.data };
  return {
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    streamType: row.stream_type,
    streamVersion: row.stream_version,
    type: row.event_type,
    schemaVersion: current.schemaVersion,
    storedSchemaVersion: row.schema_version,
    data: current.data,
    metadata: row.metadata,
    occurredAt: iso(row.occurred_at),
    recordedAt: iso(row.recorded_at),
    ...(row.signature && row.key_id ? { signature: { keyId: row.key_id, value: row.signature } } : {}),
  };
}

/**
 * A JSON value with its object keys in the order jsonb stores them (shorter keys first, then by their
 * UTF-8 bytes), so that an event returned by an append equals the same event read back.
 */
export function inJsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inJsonbOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => {
    const [x, y] = [Buffer.from(a), Buffer.from(b)];
    return x.length - y.length || Buffer.compare(x, y);
  });
  return Object.fromEntries(keys.map((k) => [k, inJsonbOrder((value as Record<string, unknown>)[k])]));
}
