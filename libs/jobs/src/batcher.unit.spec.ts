import { describe, expect, it } from '@jest/globals';
import { Batcher } from './batcher.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Batcher: items that arrive together share one call', () => {
  it('cuts full batches at once and sends the rest after the linger time, each item answered in order', async () => {
    const calls: number[][] = [];
    const b = new Batcher<number, string>(async (xs) => {
      calls.push(xs);
      return xs.map((x) => (x === 7 ? new Error('seven') : `v${x}`));
    }, { size: 4, lingerMs: 20, inFlight: 8 });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => b.submit(i)));
    expect(calls).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(
      ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'seven', 'v8', 'v9']);
  });

  it('runs at most `inFlight` batches at once; what arrives meanwhile goes in the next', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const b = new Batcher<number, number>(async (xs) => {
      running++;
      most = Math.max(most, running);
      sizes.push(xs.length);
      await tick(30);
      running--;
      return xs;
    }, { size: 3, lingerMs: 1, inFlight: 2 });
    const all = Array.from({ length: 12 }, (_, i) => b.submit(i));
    expect(await Promise.all(all)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(most).toBe(2);
    expect(sizes.reduce((a, n) => a + n, 0)).toBe(12);
    expect(sizes.every((n) => n <= 3)).toBe(true);
  });

  it('rejects every item of a batch whose call failed', async () => {
    const b = new Batcher<number, number>(async () => {
      throw new Error('database gone');
    }, { size: 10, lingerMs: 1, inFlight: 1 });
    const r = await Promise.allSettled([b.submit(1), b.submit(2)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });
});
