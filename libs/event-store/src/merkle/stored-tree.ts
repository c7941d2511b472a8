import type { DataSource, EntityManager } from 'typeorm';
import { leafHash, nodeHash, splitPoint, type TreeSource } from './rfc9162.js';

/** A complete subtree's hash: 2^level leaves from leaf idx × 2^level. */
export interface TreeNode {
  level: number;
  idx: number;
  hash: Buffer;
}

type Query = Pick<DataSource | EntityManager, 'query'>;

/**
 * The complete subtrees on the left edge of a tree of `size` leaves (the binary digits of size, highest
 * first): all that is needed to go on adding leaves.
 */
export async function readFrontier(db: Query, size: number): Promise<TreeNode[]> {
  const want: Array<[number, number]> = [];
  let offset = 0;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (size - offset >= width) {
      want.push([level, offset / width]);
      offset += width;
    }
  }
  const found = await fetchNodes(db, want);
  return want.map(([level, idx]) => {
    const hash = found.get(`${level}:${idx}`);
    if (!hash) throw new Error(`Merkle tree: node (${level}, ${idx}) is missing: the tree was changed behind the chainer's back; run the verifier`);
    return { level, idx, hash };
  });
}

/**
 * Adds leaves (their data, in log order) to the tree whose left edge is `frontier`, in memory; returns
 * every complete subtree they complete (each leaf, and each node whose right half they finish).
 */
export function extendTree(frontier: readonly TreeNode[], size: number, leaves: readonly Buffer[]): { nodes: TreeNode[]; frontier: TreeNode[] } {
  const stack = [...frontier];
  const nodes: TreeNode[] = [];
  let n = size;
  for (const data of leaves) {
    let node: TreeNode = { level: 0, idx: n, hash: leafHash(data) };
    nodes.push(node);
    while (stack.length && stack[stack.length - 1].level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, idx: left.idx / 2, hash: nodeHash(left.hash, node.hash) };
      nodes.push(node);
    }
    stack.push(node);
    n += 1;
  }
  return { nodes, frontier: stack };
}

export async function insertNodes(m: EntityManager, nodes: readonly TreeNode[]): Promise<void> {
  if (!nodes.length) return;
  await m.query(`INSERT INTO merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
    [nodes.map((x) => x.level), nodes.map((x) => x.idx), nodes.map((x) => x.hash)]);
}

async function fetchNodes(db: Query, keys: ReadonlyArray<[number, number]>): Promise<Map<string, Buffer>> {
  if (!keys.length) return new Map();
  const rows: Array<{ level: number; idx: string; hash: Buffer }> = await db.query(
    `SELECT n.level, n.idx, n.hash FROM merkle_nodes n JOIN unnest($1::smallint[], $2::bigint[]) AS k(level, idx)
       ON n.level = k.level AND n.idx = k.idx`,
    [keys.map((k) => k[0]), keys.map((k) => k[1])],
  );
  return new Map(rows.map((r) => [`${r.level}:${r.idx}`, r.hash]));
}

/** The complete subtrees whose hashes make up MTH(start, end) (RFC 9162's split, down to aligned powers of two). */
function pieces(start: number, end: number, out: Array<[number, number]>): void {
  const n = end - start;
  if (n <= 0) return;
  if ((n & (n - 1)) === 0 && start % n === 0) {
    out.push([Math.log2(n), start / n]);
    return;
  }
  const k = splitPoint(n);
  pieces(start, start + k, out);
  pieces(start + k, end, out);
}

/**
 * The stored tree as a TreeSource, for the ranges `ranges` will ask about: every node they need is read
 * in ONE query first, then each range is combined in memory (RFC 9162's split).
 */
export async function storedTree(db: Query, ranges: ReadonlyArray<[number, number]>): Promise<TreeSource> {
  const keys: Array<[number, number]> = [];
  for (const [s, e] of ranges) pieces(s, e, keys);
  const found = await fetchNodes(db, keys);
  const mth = (start: number, end: number): Buffer => {
    const n = end - start;
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const hash = found.get(`${Math.log2(n)}:${start / n}`);
      if (!hash) throw new Error(`Merkle tree: node (${Math.log2(n)}, ${start / n}) is missing (the tree is smaller than asked, or was changed)`);
      return hash;
    }
    const k = splitPoint(n);
    return nodeHash(mth(start, start + k), mth(start + k, end));
  };
  return { range: async (start, end) => mth(start, end) };
}

/**
 * Runs `work` on the stored tree with every node it needs read in ONE query: a first run with a source
 * that only records the ranges asked for, then the real one.
 */
export async function withStoredTree<T>(db: Query, work: (tree: TreeSource) => Promise<T>): Promise<T> {
  const ranges: Array<[number, number]> = [];
  await work({ range: async (s, e) => { ranges.push([s, e]); return Buffer.alloc(32); } });
  return work(await storedTree(db, ranges));
}
