import { TEST_SIGNING_KEYS } from './testing/signing.js';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import { WrongExpectedVersionError } from './errors.js';
import type { AppendResult } from './types.js';
import { createSchema, meta, openDataSource } from './testing/test-data-source.js';

const SCHEMA = 'es_concurrency_spec';
const WRITERS = 20;
const ATTEMPTS = 10;
let sources: DataSource[] = [];

beforeAll(async () => {
  await createSchema(SCHEMA);
  sources = [await openDataSource(SCHEMA, { poolSize: 10 }), await openDataSource(SCHEMA, { poolSize: 10, migrate: false })];
});
afterAll(async () => {
  await Promise.all(sources.map((s) => s.destroy()));
});

describe('many writers on one stream', () => {
  it('lets exactly one writer win each version, losing and duplicating nothing', async () => {
    const stores = sources.map((s) => new EventStore(s, undefined, TEST_SIGNING_KEYS));
    const wins: AppendResult[] = [];
    let losses = 0;

    // Each attempt re-reads the version, as a command handler does after a conflict.
    const writer = async (w: number): Promise<void> => {
      const store = stores[w % stores.length];
      for (let a = 0; a < ATTEMPTS; a++) {
        const expectedVersion = await store.streamVersion('hot');
        const count = 1 + ((w + a) % 3);
        try {
          wins.push(await store.append({
            streamId: 'hot', streamType: 'Decision', expectedVersion,
            events: Array.from({ length: count }, (_, i) => ({ type: 'Touched', schemaVersion: 1, data: { w, a, i } })),
            metadata: meta(),
          }));
        } catch (e) {
          if (!(e instanceof WrongExpectedVersionError)) throw e;
          expect(e.actualVersion).toBeGreaterThan(expectedVersion);
          losses++;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    expect(losses).toBeGreaterThan(0); // otherwise there was no race to test
    expect(wins.length + losses).toBe(WRITERS * ATTEMPTS);

    const stored = await stores[0].readStream('hot');
    const total = wins.reduce((n, r) => n + r.events.length, 0);
    expect(stored.map((e) => e.streamVersion)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    // Winners' version ranges tile 1..N with no overlap: one winner per version.
    const ranges = wins.map((r) => [r.fromVersion, r.toVersion]).sort((x, y) => x[0] - y[0]);
    ranges.forEach(([from], i) => expect(from).toBe(i === 0 ? 1 : ranges[i - 1][1] + 1));

    const key = (d: unknown) => JSON.stringify(d);
    const winnerEvents = wins.flatMap((r) => r.events.map((e) => key(e.data))).sort();
    expect(stored.map((e) => key(e.data)).sort()).toEqual(winnerEvents);
    expect(new Set(winnerEvents).size).toBe(total);
  });
});
