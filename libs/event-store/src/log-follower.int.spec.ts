import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import type { StoredEvent } from './types.js';
import { LogFollower } from './log-follower.js';
import { appendOne, createDeliveredTable, deliveredTo, drain, project } from './testing/follower-probes.js';
import { createSchema, openDataSource } from './testing/test-data-source.js';

const SCHEMA = 'es_follower_spec';
let ds: DataSource;
let ds2: DataSource; // a second pool stands for a second process
let store: EventStore;

beforeAll(async () => {
  await createSchema(SCHEMA);
  ds = await openDataSource(SCHEMA, { poolSize: 12 });
  ds2 = await openDataSource(SCHEMA, { poolSize: 4, migrate: false });
  store = new EventStore(ds);
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
