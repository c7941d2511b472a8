import { TEST_SIGNING_KEYS } from './testing/signing.js';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import { WrongExpectedVersionError } from './errors.js';
import { LogFollower } from './log-follower.js';
import { appendOne, createDeliveredTable, deliveredTo, drain, naiveReader, project, sleep } from './testing/follower-probes.js';
import { createSchema, meta, openDataSource } from './testing/test-data-source.js';

const SCHEMA = 'es_late_commit_spec';
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

describe('LogFollower and late commits', () => {
  it('waits for a late commit instead of skipping it, where a position checkpoint skips it', async () => {
    const follower = new LogFollower(ds, 'late', project('late'));
    const naive = naiveReader(ds, 'late-');
    let release!: () => void;
    let inserted!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const aInserted = new Promise<void>((r) => (inserted = r));
    const a = appendOne(store, 'late-a', 0, async () => { inserted(); await gate; }); // lower position, still open
    await aInserted;
    const b = await appendOne(store, 'late-b', 0);

    await follower.pollOnce();
    await naive.poll();
    const [posA] = (await ds2.query(`SELECT global_position::int AS p FROM events WHERE stream_id = 'late-a'`)) as Array<{ p: number }>;
    expect(posA).toBeUndefined(); // A is not committed yet
    expect(await deliveredTo(ds, 'late', 'late-')).toEqual([]); // B waits behind the open A
    expect(naive.seen).toEqual([b.events[0].globalPosition]);

    release();
    const aResult = await a;
    expect(aResult.events[0].globalPosition).toBeLessThan(b.events[0].globalPosition);
    await drain(ds, follower);
    await naive.poll();

    expect((await deliveredTo(ds, 'late', 'late-')).map((r) => r.p))
      .toEqual([aResult.events[0].globalPosition, b.events[0].globalPosition]);
    expect(naive.seen).not.toContain(aResult.events[0].globalPosition); // the naive reader lost A for good
  });

  it('delivers every event exactly once, in stream order, under random concurrent writers', async () => {
    const followers = [new LogFollower(ds, 'race', project('race'), { batchSize: 7 }),
      new LogFollower(ds2, 'race', project('race'), { batchSize: 7 })]; // two processes, one follower
    followers.forEach((f) => f.start(3));
    const stores = [store, new EventStore(ds2, undefined, TEST_SIGNING_KEYS)];
    const writer = async (w: number) => {
      for (let n = 0; n < 6; n++) {
        const streamId = `race-${(w + n) % 5}`;
        for (;;) {
          const s = stores[w % 2];
          try {
            await s.append({
              streamId, streamType: 'Decision', expectedVersion: await s.streamVersion(streamId), metadata: meta(),
              events: [{ type: 'Touched', schemaVersion: 1, data: { w, n } }],
              inTransaction: () => sleep(Math.random() * 25), // commit late, out of position order
            });
            break;
          } catch (e) {
            if (!(e instanceof WrongExpectedVersionError)) throw e;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, w) => writer(w)));
    await Promise.all(followers.map((f) => f.stop()));
    await drain(ds, followers[0]);

    const all = (await ds.query(`SELECT global_position::int AS p FROM events WHERE stream_id LIKE 'race-%' ORDER BY 1`)) as Array<{ p: number }>;
    expect(all).toHaveLength(60);
    const delivered = await deliveredTo(ds, 'race', 'race-');
    expect(delivered.map((r) => r.p).sort((x, y) => x - y)).toEqual(all.map((r) => r.p)); // none lost, none twice
    const byStream = new Map<string, number[]>();
    for (const r of delivered) byStream.set(r.stream_id, [...(byStream.get(r.stream_id) ?? []), r.stream_version]);
    for (const versions of byStream.values()) expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

});
