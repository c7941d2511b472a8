import { TEST_SIGNING_KEYS } from './testing/signing.js';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import type { StoredEvent } from './types.js';
import { LogFollower } from './log-follower.js';
import { appendOne, createDeliveredTable, deliveredTo, drain, project } from './testing/follower-probes.js';
import { createSchema, openClient, openDataSource } from './testing/test-data-source.js';

const SCHEMA = 'es_follower_spec';
let ds: DataSource;
let ds2: DataSource; // a second pool stands for a second process
let store: EventStore;

beforeAll(async () => {
  await createSchema(SCHEMA);
  ds = await openDataSource(SCHEMA, { poolSize: 12 });
  ds2 = await openDataSource(SCHEMA, { poolSize: 4, migrate: false });
  store = new EventStore(ds, undefined, TEST_SIGNING_KEYS);
  await createDeliveredTable(ds);
});
afterAll(async () => {
  await ds?.destroy();
  await ds2?.destroy();
});

describe('LogFollower', () => {
  it('lets only one process handle a batch; the other returns at once', async () => {
    await appendOne(store, 'lock-1', 0);
    let release!: () => void;
    let entered!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = new Promise<void>((r) => (entered = r));
    const slow = new LogFollower(ds, 'lock', async (events, m) => { entered(); await gate; await project('lock')(events, m); });
    const fast = new LogFollower(ds2, 'lock', project('lock'));
    const first = slow.pollOnce();
    await inside;
    expect(await fast.pollOnce()).toBe(0);
    release();
    expect(await first).toBeGreaterThan(0);
    await drain(ds, fast);
    expect(await deliveredTo(ds, 'lock', 'lock-')).toHaveLength(1);
  });

  it('rolls back the projection and keeps the checkpoint when the handler fails', async () => {
    await appendOne(store, 'fail-1', 0);
    let fail = true;
    const follower = new LogFollower(ds, 'fail', async (events, m) => {
      await project('fail')(events, m);
      if (fail) throw new Error('projection bug');
    });
    await expect(follower.pollOnce()).rejects.toThrow('projection bug');
    expect(await deliveredTo(ds, 'fail', 'fail-')).toEqual([]);
    fail = false;
    await drain(ds, follower);
    expect(await deliveredTo(ds, 'fail', 'fail-')).toHaveLength(1);
  });

  it('a follower stalled mid-batch holds no transaction: another follower keeps advancing, and its done chunks stay done', async () => {
    for (let i = 1; i <= 3; i++) await appendOne(store, `stall-${i}`, 0);
    let release!: () => void;
    let stalled!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = new Promise<void>((r) => (stalled = r));
    // One event per transaction; the slow work of the chunk of stall-2 (prepare: no transaction open) stalls.
    const slow = new LogFollower<StoredEvent[]>(ds, 'stall-slow', {
      prepare: async (events) => {
        if (events[0].streamId === 'stall-2') { stalled(); await gate; }
        return events;
      },
      write: (events, m) => project('stall-slow')(events, m),
    }, { batchSize: 1000, chunkSize: 1 });
    const other = new LogFollower(ds2, 'stall-other', project('stall-other'));
    const batch = slow.pollOnce();
    await inside;
    const late = await appendOne(store, 'stall-late', 0); // appended while the slow follower is stuck
    const seenBy = async (name: string) => (await deliveredTo(ds, name, 'stall-')).map((r) => r.stream_id);
    try {
      await drain(ds2, other, 20_000); // it reaches the event appended after the stall began
      expect(await seenBy('stall-other')).toEqual(expect.arrayContaining(['stall-1', 'stall-2', 'stall-3', 'stall-late']));
      // The stalled follower's first chunk is committed with its checkpoint: a crash now loses nothing done.
      expect(await seenBy('stall-slow')).toEqual(['stall-1']);
      const [cp] = await ds.query(`SELECT position::int AS p FROM follower_checkpoints WHERE name = 'stall-slow'`);
      const [first] = await ds.query(`SELECT global_position::int AS p FROM events WHERE stream_id = 'stall-1'`);
      expect(cp.p).toBe(first.p);
    } finally {
      release();
    }
    expect(await batch).toBeGreaterThanOrEqual(3);
    await drain(ds, slow);
    expect((await seenBy('stall-slow')).filter((s) => s !== 'stall-late')).toEqual(['stall-1', 'stall-2', 'stall-3']);
    expect(await seenBy('stall-slow')).toContain(late.streamId);

    // The control: a transaction that holds a transaction id does hold the other follower back.
    const open = await openClient(SCHEMA);
    try {
      await open.query('BEGIN');
      await open.query('SELECT pg_current_xact_id()');
      await appendOne(store, 'stall-behind', 0);
      await other.pollOnce();
      expect(await seenBy('stall-other')).not.toContain('stall-behind');
      await open.query('COMMIT');
      await drain(ds2, other, 20_000);
      expect(await seenBy('stall-other')).toContain('stall-behind');
    } finally {
      await open.end();
    }
  });

  it('readAll pages through the log in the order followers see it', async () => {
    const pages: StoredEvent[] = [];
    for (let page = await store.readAll({ limit: 10 }); page.length; ) {
      pages.push(...page);
      const last = page[page.length - 1];
      page = await store.readAll({ after: { transactionId: last.transactionId, globalPosition: last.globalPosition }, limit: 10 });
    }
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM events`);
    expect(pages).toHaveLength(n);
    expect(new Set(pages.map((e) => e.globalPosition)).size).toBe(n);
  });
});
