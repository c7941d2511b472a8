import { createHash } from 'node:crypto';
import type { StoredEvent } from '../types.js';

/**
 * JSON with object keys sorted (by UTF-16 code unit, as Array.prototype.sort does) and no
 * whitespace: the same value always gives the same text, whatever order jsonb or a caller used.
 * Undefined members are dropped and non-finite numbers become null, exactly as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function').sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}

/**
 * The text an event's hash covers. `data` must be the data AS STORED (read without an upcaster),
 * so upcasters can change without changing any hash. transaction_id and recorded_at are not covered:
 * they are where and when the database put the row, not what the event says.
 */
export function canonicalEvent(e: StoredEvent): string {
  return canonicalJson({
    globalPosition: e.globalPosition,
    streamId: e.streamId,
    streamType: e.streamType,
    streamVersion: e.streamVersion,
    type: e.type,
    storedSchemaVersion: e.storedSchemaVersion,
    data: e.data,
    metadata: e.metadata,
    occurredAt: e.occurredAt,
  });
}

/** sha256 (hex) of the previous hash ('' at the start of a chain) followed by the canonical text. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}
