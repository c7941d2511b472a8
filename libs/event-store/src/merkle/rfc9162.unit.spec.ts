import { describe, it, expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, memoryTree, nodeHash, verifyConsistency, verifyInclusion,
} from './rfc9162.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`event ${i}`));
const flip = (b: Buffer) => { const c = Buffer.from(b); c[0] ^= 1; return c; };
// A deterministic pseudo-random sequence (no clock, no Math.random): the same cases every run.
function* lcg(seed: number) { let s = seed; for (;;) { s = (s * 1103515245 + 12345) % 2 ** 31; yield s; } }

describe('RFC 9162 Merkle tree', () => {
  it('hashes with the leaf (0x00) and node (0x01) prefixes', async () => {
    const a = leafHash('a');
    expect(a).toEqual(createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from('a')])).digest());
    const b = leafHash('b');
    const c = leafHash('c');
    expect(nodeHash(a, b)).toEqual(createHash('sha256').update(Buffer.concat([Buffer.from([1]), a, b])).digest());
    // Three leaves: the split is at the largest power of two below 3.
    expect(await memoryTree([a, b, c]).range(0, 3)).toEqual(nodeHash(nodeHash(a, b), c));
    expect(await memoryTree([]).range(0, 0)).toEqual(createHash('sha256').digest());
  });

  it('every leaf of every tree up to 70 leaves has an inclusion proof that verifies, and a wrong one does not', async () => {
    for (let n = 1; n <= 70; n++) {
      const ls = leaves(n);
      const tree = memoryTree(ls);
      const root = await tree.range(0, n);
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(tree, m, n);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect({ n, m, ok: verifyInclusion(ls[m], m, n, proof, root) }).toEqual({ n, m, ok: true });
        expect(verifyInclusion(flip(ls[m]), m, n, proof, root)).toBe(false);
        if (n > 1) {
          expect(verifyInclusion(ls[m], (m + 1) % n, n, proof, root)).toBe(false);
          expect(verifyInclusion(ls[m], m, n, proof.map((p, i) => (i === 0 ? flip(p) : p)), root)).toBe(false);
        }
        expect(verifyInclusion(ls[m], m, n, proof, flip(root))).toBe(false);
      }
    }
  });

  it('every pair of sizes up to 50 has a consistency proof that verifies; a changed prefix or proof does not', async () => {
    for (let n = 1; n <= 50; n++) {
      const ls = leaves(n);
      const tree = memoryTree(ls);
      const root2 = await tree.range(0, n);
      for (let m = 0; m <= n; m++) {
        const root1 = await tree.range(0, m);
        const proof = await consistencyProof(tree, m, n);
        expect({ m, n, ok: verifyConsistency(m, n, root1, root2, proof) }).toEqual({ m, n, ok: true });
        if (m > 0 && m < n) {
          // The old tree rewritten (one of its leaves changed): its root is no prefix of the new tree.
          const rewritten = await memoryTree(ls.map((l, i) => (i === m - 1 ? flip(l) : l))).range(0, m);
          expect(verifyConsistency(m, n, rewritten, root2, proof)).toBe(false);
          expect(verifyConsistency(m, n, root1, flip(root2), proof)).toBe(false);
          expect(verifyConsistency(m, n, root1, root2, proof.slice(1))).toBe(false);
          expect(verifyConsistency(m, n, root1, root2, proof.map((p, i) => (i === proof.length - 1 ? flip(p) : p)))).toBe(false);
        }
      }
    }
    expect(verifyConsistency(0, 5, EMPTY_ROOT, await memoryTree(leaves(5)).range(0, 5), [])).toBe(true);
  });

  it('large random sizes and leaves: proofs stay logarithmic and verify', async () => {
    const rnd = lcg(11);
    const ls = leaves(5000);
    const tree = memoryTree(ls);
    for (let i = 0; i < 40; i++) {
      const n = 1 + (rnd.next().value! % 5000);
      const m = rnd.next().value! % n;
      const root = await tree.range(0, n);
      const proof = await inclusionProof(tree, m, n);
      expect(verifyInclusion(ls[m], m, n, proof, root)).toBe(true);
      const k = 1 + (rnd.next().value! % n);
      const c = await consistencyProof(tree, k, n);
      expect(c.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 1);
      expect(verifyConsistency(k, n, await tree.range(0, k), root, c)).toBe(true);
    }
  });
});
