import { createHash } from 'node:crypto';

// RFC 9162 (Certificate Transparency 2.0), section 2.1: the Merkle Tree Hash with its domain
// separation (0x00 before a leaf, 0x01 before two children), inclusion and consistency proofs, and
// the verification algorithms an outsider runs (2.1.3.2, 2.1.4.2). Hashes are SHA-256, as Buffers.

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (data: Buffer | string): Buffer => sha256(LEAF, Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'));
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE, left, right);
export const EMPTY_ROOT = sha256();

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaves [start, end): given by whoever holds the tree (memory, the database's stored subtrees). */
export interface TreeSource {
  range(start: number, end: number): Promise<Buffer>;
}

/** MTH computed from the leaf hashes themselves (tests, small trees, an offline check). */
export function memoryTree(leaves: readonly Buffer[]): TreeSource {
  const mth = (start: number, end: number): Buffer => {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if (n === 1) return leaves[start];
    const k = splitPoint(n);
    return nodeHash(mth(start, start + k), mth(start + k, end));
  };
  return { range: async (start, end) => mth(start, end) };
}

/** PATH(m, D[start:end]) of RFC 9162 2.1.3.1: the audit path of leaf m (absolute index). */
export async function inclusionProof(tree: TreeSource, m: number, size: number): Promise<Buffer[]> {
  if (!(m >= 0 && m < size)) throw new RangeError(`leaf ${m} is not in a tree of size ${size}`);
  const path = async (start: number, end: number): Promise<Buffer[]> => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < start + k
      ? [...(await path(start, start + k)), await tree.range(start + k, end)]
      : [...(await path(start + k, end)), await tree.range(start, start + k)];
  };
  return path(0, size);
}

/** PROOF(m, D[n]) of RFC 9162 2.1.4.1: that the tree of size m is a prefix of the tree of size n. */
export async function consistencyProof(tree: TreeSource, m: number, n: number): Promise<Buffer[]> {
  if (!(m >= 0 && m <= n)) throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  if (m === 0 || m === n) return [];
  const sub = async (m1: number, start: number, end: number, complete: boolean): Promise<Buffer[]> => {
    const count = end - start;
    if (m1 === count) return complete ? [] : [await tree.range(start, end)];
    const k = splitPoint(count);
    return m1 <= k
      ? [...(await sub(m1, start, start + k, complete)), await tree.range(start + k, end)]
      : [...(await sub(m1 - k, start + k, end, false)), await tree.range(start, start + k)];
  };
  return sub(m, 0, n, true);
}

/** RFC 9162 2.1.3.2: whether `proof` places `leaf` at `index` in the tree of `size` whose root is `root`. */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: whether `proof` shows the tree (size1, root1) is a prefix of the tree (size2, root2). */
export function verifyConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: readonly Buffer[]): boolean {
  if (!(size1 >= 0 && size1 <= size2)) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0 && root1.equals(EMPTY_ROOT);
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
