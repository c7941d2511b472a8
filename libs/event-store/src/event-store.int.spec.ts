import { TEST_SIGNING_KEYS } from './testing/signing.js';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import { WrongExpectedVersionError } from './errors.js';
import { createUpcaster } from './upcasters.js';
import { createSchema, meta, openDataSource } from './testing/test-data-source.js';

const SCHEMA = 'es_store_spec';
let ds: DataSource;
let store: EventStore;

beforeAll(async () => {
  await createSchema(SCHEMA);
  ds = await openDataSource(SCHEMA);
  store = new EventStore(ds, undefined, TEST_SIGNING_KEYS);
});
afterAll(async () => ds?.destroy());

describe('EventStore append and read', () => {
  it('reads back what was appended, with versions, metadata and rising global positions', async () => {
    const first = await store.append({
      streamId: 'd-1', streamType: 'Decision', expectedVersion: 0,
      events: [
        { type: 'DecisionDrafted', schemaVersion: 1, data: { title: 'Phân cấp' } },
        { type: 'PowerAdded', schemaVersion: 2, data: { powerId: 'p-1' } },
      ],
      metadata: meta('2025-01-01T08:00:00.000Z', { requestIp: '10.0.0.1' }),
    });
    expect(first).toMatchObject({ streamId: 'd-1', fromVersion: 1, toVersion: 2, duplicate: false });
    await store.append({
      streamId: 'd-1', streamType: 'Decision', expectedVersion: 2,
      events: [{ type: 'DecisionSubmitted', schemaVersion: 1, data: {} }],
      metadata: meta('2025-01-03T08:00:00.000Z'),
    });

    const events = await store.readStream('d-1');
    expect(events.map((e) => [e.streamVersion, e.type, e.schemaVersion])).toEqual([
      [1, 'DecisionDrafted', 1], [2, 'PowerAdded', 2], [3, 'DecisionSubmitted', 1],
    ]);
    expect(events[0].data).toEqual({ title: 'Phân cấp' });
    expect(events[0].metadata).toEqual(meta('2025-01-01T08:00:00.000Z', { requestIp: '10.0.0.1' }));
    expect(events[0].occurredAt).toBe('2025-01-01T08:00:00.000Z');
    expect(events[0].streamType).toBe('Decision');
    expect(events[0].transactionId).toMatch(/^\d+$/);
    expect(events[1].globalPosition).toBeGreaterThan(events[0].globalPosition);
    expect(events[2].globalPosition).toBeGreaterThan(events[1].globalPosition);
    expect(first.events).toEqual(events.slice(0, 2));
    expect(await store.streamVersion('d-1')).toBe(3);
    expect(await store.streamVersion('nobody')).toBe(0);
  });

  it('reads the state as of a version and as of an instant', async () => {
    expect((await store.readStream('d-1', { toVersion: 2 })).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect((await store.readStream('d-1', { toInstant: '2025-01-02T00:00:00Z' })).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await store.readStream('d-1', { toInstant: '2024-12-31T00:00:00Z' })).toEqual([]);
  });

  it('refuses a stale expected version and says where the stream is', async () => {
    const attempt = store.append({
      streamId: 'd-1', streamType: 'Decision', expectedVersion: 1,
      events: [{ type: 'DecisionSubmitted', schemaVersion: 1, data: {} }], metadata: meta(),
    });
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(attempt).rejects.toMatchObject({ streamId: 'd-1', expectedVersion: 1, actualVersion: 3 });
    await expect(store.append({
      streamId: 'd-1', streamType: 'Decision', expectedVersion: 0,
      events: [{ type: 'DecisionDrafted', schemaVersion: 1, data: {} }], metadata: meta(),
    })).rejects.toMatchObject({ actualVersion: 3 });
    expect(await store.streamVersion('d-1')).toBe(3);
  });

  it('refuses to edit a stored event', async () => {
    await expect(ds.query(`UPDATE events SET data = '{}' WHERE stream_id = 'd-1'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM events WHERE stream_id = 'd-1'`)).rejects.toThrow(/append-only/);
  });
});

describe('upcasting', () => {
  it('reads a schema-version-1 row, written as it was years ago, in the newest shape', async () => {
    await ds.query(
      `INSERT INTO events (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at)
       VALUES ('old-1', 'Decision', 1, 'DecisionDrafted', 1, '{"name": "Ủy quyền"}', $1, '2020-01-01T00:00:00Z')`,
      [JSON.stringify(meta('2020-01-01T00:00:00.000Z'))],
    );
    const upcast = createUpcaster({
      DecisionDrafted: {
        1: (d: { name: string }) => ({ title: d.name }),
        2: (d: { title: string }) => ({ ...d, language: 'vi' }),
      },
    });
    const [event] = await new EventStore(ds, upcast).readStream('old-1');
    expect(event).toMatchObject({ schemaVersion: 3, storedSchemaVersion: 1, data: { title: 'Ủy quyền', language: 'vi' } });
    const [raw] = await store.readStream('old-1');
    expect(raw).toMatchObject({ schemaVersion: 1, storedSchemaVersion: 1, data: { name: 'Ủy quyền' } });
  });
});

describe('atomicity with inline projections', () => {
  it('writes no event and no command row when the inline projection throws', async () => {
    await ds.query(`CREATE TABLE projection_probe (id text PRIMARY KEY)`);
    const attempt = store.append({
      streamId: 'atomic-1', streamType: 'Decision', expectedVersion: 0,
      events: [{ type: 'DecisionDrafted', schemaVersion: 1, data: {} }], metadata: meta(),
      command: { id: 'cmd-atomic', type: 'DraftDecision', payloadHash: 'h' },
      inTransaction: async (m) => {
        await m.query(`INSERT INTO projection_probe VALUES ('atomic-1')`);
        throw new Error('projection failed');
      },
    });
    await expect(attempt).rejects.toThrow('projection failed');
    expect(await store.readStream('atomic-1')).toEqual([]);
    expect(await ds.query(`SELECT * FROM processed_commands WHERE command_id = 'cmd-atomic'`)).toEqual([]);
    expect(await ds.query(`SELECT * FROM projection_probe`)).toEqual([]);
  });

  it('commits the inline projection with the events', async () => {
    await store.append({
      streamId: 'atomic-2', streamType: 'Decision', expectedVersion: 0,
      events: [{ type: 'DecisionDrafted', schemaVersion: 1, data: {} }], metadata: meta(),
      inTransaction: async (m, events) => {
        await m.query(`INSERT INTO projection_probe VALUES ($1)`, [`${events[0].streamId}@${events[0].streamVersion}`]);
      },
    });
    expect(await ds.query(`SELECT id FROM projection_probe`)).toEqual([{ id: 'atomic-2@1' }]);
  });
});
