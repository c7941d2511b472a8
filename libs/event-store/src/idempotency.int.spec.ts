import { TEST_SIGNING_KEYS } from './testing/signing.js';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import { IdempotencyKeyReusedError } from './errors.js';
import type { AppendRequest } from './types.js';
import { createSchema, meta, openClient, openDataSource, waitForLockWait } from './testing/test-data-source.js';

const SCHEMA = 'es_idempotency_spec';
let ds: DataSource;
let other: DataSource;
let store: EventStore;

beforeAll(async () => {
  await createSchema(SCHEMA);
  ds = await openDataSource(SCHEMA);
  other = await openDataSource(SCHEMA, { migrate: false });
  store = new EventStore(ds, undefined, TEST_SIGNING_KEYS);
});
afterAll(async () => {
  await ds?.destroy();
  await other?.destroy();
});

const request = (streamId: string, commandId: string, payloadHash = 'hash-1'): AppendRequest => ({
  streamId, streamType: 'Decision', expectedVersion: 0,
  events: [{ type: 'DecisionDrafted', schemaVersion: 1, data: { streamId } }, { type: 'PowerAdded', schemaVersion: 1, data: {} }],
  metadata: meta(),
  command: { id: commandId, type: 'DraftDecision', payloadHash },
  result: { decisionId: streamId, version: 2 },
});

describe('idempotent commands', () => {
  it('returns the first result for a repeat and writes nothing more', async () => {
    const first = await store.append(request('s-1', 'cmd-1'));
    const again = await store.append(request('s-1', 'cmd-1'));
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.result).toEqual({ decisionId: 's-1', version: 2 });
    expect(again.result).toEqual(first.result);
    expect(again.events).toEqual(first.events);
    expect(first.events[0].metadata.commandId).toBe('cmd-1');
    expect(await store.readStream('s-1')).toHaveLength(2);
  });

  it('keeps one set of events when the same command arrives concurrently', async () => {
    const stores = [store, new EventStore(other, undefined, TEST_SIGNING_KEYS)];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => stores[i % 2].append(request('s-2', 'cmd-2'))),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const r of results) expect(r.result).toEqual({ decisionId: 's-2', version: 2 });
    expect((await store.readStream('s-2')).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM processed_commands WHERE command_id = 'cmd-2'`)).toEqual([{ n: 1 }]);
  });

  it('returns the first result when a concurrent duplicate only collides on the command row', async () => {
    // A rival transaction records cmd-3 but has not committed: our append passes the check,
    // writes its events, then waits on the processed_commands key until the rival commits.
    const rival = await openClient(SCHEMA);
    await rival.query('BEGIN');
    await rival.query(`INSERT INTO processed_commands (command_id, stream_id, command_type, payload_hash, from_version, to_version, result)
      VALUES ('cmd-3', 's-3', 'DraftDecision', 'hash-1', 1, 0, '{"by": "rival"}')`);
    const pending = store.append(request('s-3', 'cmd-3'));
    await waitForLockWait(ds);
    await rival.query('COMMIT');
    await rival.end();
    await expect(pending).resolves.toMatchObject({ duplicate: true, result: { by: 'rival' }, events: [] });
    expect(await store.readStream('s-3')).toEqual([]);
  });

  it('refuses a command id reused with another payload or type', async () => {
    await expect(store.append(request('s-1', 'cmd-1', 'other-hash'))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const otherType = { ...request('s-1', 'cmd-1'), command: { id: 'cmd-1', type: 'SubmitDecision', payloadHash: 'hash-1' } };
    await expect(store.append(otherType)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream('s-1')).toHaveLength(2);
  });
});
