import { TEST_SIGNING_KEYS } from './testing/signing.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SequenceClaimLostError } from './errors.js';
import { EventStore } from './event-store.js';
import { CommandPipeline } from './handle-command.js';
import { createSchema, meta, openDataSource } from './testing/test-data-source.js';

const SCHEMA = 'es_sequence_spec';
let ds: DataSource;
let store: EventStore;

beforeAll(async () => {
  await createSchema(SCHEMA);
  ds = await openDataSource(SCHEMA);
  store = new EventStore(ds, undefined, TEST_SIGNING_KEYS);
});
afterAll(async () => ds?.destroy());

const drafted = (n: number) => [{ type: 'Numbered', schemaVersion: 1, data: { n } }];

describe('a gap-free sequence claimed by the append', () => {
  it('takes 1, 2, 3 in order and refuses a number already taken, writing nothing', async () => {
    for (const n of [1, 2, 3]) {
      await store.append({ streamId: `s-${n}`, streamType: 'T', expectedVersion: 0, events: drafted(n), metadata: meta(), claim: { sequence: 'case:a', value: n } });
    }
    expect(await store.sequenceValue('case:a')).toBe(3);
    await expect(store.append({ streamId: 's-x', streamType: 'T', expectedVersion: 0, events: drafted(3), metadata: meta(), claim: { sequence: 'case:a', value: 3 } }))
      .rejects.toBeInstanceOf(SequenceClaimLostError);
    // Skipping a number is refused too: the sequence has no gap.
    await expect(store.append({ streamId: 's-y', streamType: 'T', expectedVersion: 0, events: drafted(5), metadata: meta(), claim: { sequence: 'case:a', value: 5 } }))
      .rejects.toBeInstanceOf(SequenceClaimLostError);
    await expect(store.append({ streamId: 's-z', streamType: 'T', expectedVersion: 0, events: drafted(1), metadata: meta(), claim: { sequence: 'case:a', value: 1 } }))
      .rejects.toBeInstanceOf(SequenceClaimLostError);
    expect(await store.streamVersion('s-x')).toBe(0);
    expect(await store.streamVersion('s-y')).toBe(0);
    expect(await store.sequenceValue('case:a')).toBe(3);
  });

  it('burns no number when the stream is not at the expected version', async () => {
    await store.append({ streamId: 'v-1', streamType: 'T', expectedVersion: 0, events: drafted(0), metadata: meta() });
    await expect(store.append({ streamId: 'v-1', streamType: 'T', expectedVersion: 0, events: drafted(1), metadata: meta(), claim: { sequence: 'case:v', value: 1 } }))
      .rejects.toThrow(/expected 0/);
    expect(await store.sequenceValue('case:v')).toBe(0);
  });

  it('gives 45 concurrent commands, 6 of them refused, the numbers 1…39, each once, through the pipeline (a lost number is taken again)', async () => {
    type E = { type: 'Numbered'; data: { n: number } };
    const pipeline = new CommandPipeline<E, { n: number }>(store, {
      streamType: 'T', initialState: () => ({ n: 0 }), evolve: (_s, e) => ({ n: e.data.n }), schemaVersion: () => 1,
    });
    const refusedEvery = 7;
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => pipeline.handle(
      (c: { n: number; refuse: boolean }) => (c.refuse ? { ok: false as const, refusal: 'no' } : { ok: true as const, events: [{ type: 'Numbered' as const, data: { n: c.n } }] }),
      {
        streamId: `p-${i}`, command: { n: 0, refuse: i % refusedEvery === 6 }, commandType: 'number', payloadHash: 'h', metadata: meta(), assumeNew: true,
        prepare: async (c) => {
          const n = (await store.sequenceValue('case:p')) + 1;
          return { command: { ...c, n }, claim: { sequence: 'case:p', value: n } };
        },
      },
    )));
    const taken = results.filter((r) => r.ok).map((r) => (r.ok ? (r.state as { n: number }).n : 0)).sort((a, b) => a - b);
    expect(taken).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(await store.sequenceValue('case:p')).toBe(taken.length);
    expect(results.filter((r) => !r.ok)).toHaveLength(results.length - taken.length);
  });
});
