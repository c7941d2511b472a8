import type { DataSource, EntityManager } from 'typeorm';
import { consistencyProof, EMPTY_ROOT, inclusionProof, nodeHash } from './rfc9162.js';
import { withStoredTree, type TreeNode } from './stored-tree.js';

const hex = (b: Buffer) => b.toString('hex');

/** The root of a tree from its left edge (the frontier extendTree keeps): folded from the right. */
export function frontierRoot(frontier: readonly TreeNode[]): Buffer {
  if (!frontier.length) return EMPTY_ROOT;
  let r = frontier[frontier.length - 1].hash;
  for (let i = frontier.length - 2; i >= 0; i--) r = nodeHash(frontier[i].hash, r);
  return r;
}

export interface InclusionProof {
  /** The event: its global position, its chain row, and its leaf (index = logSeq - 1). */
  globalPosition: number;
  logSeq: number;
  leafIndex: number;
  treeSize: number;
  /** SHA-256(0x00 || canonical event text), hex. */
  leafHash: string;
  /** RFC 9162 audit path, hex, leaf to root. */
  path: string[];
  rootHash: string;
}

export interface ConsistencyProof {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

/** Tree heads and proofs from the stored Merkle tree (merkle_nodes): each one query for the nodes it needs. */
export class MerkleLog {
  constructor(private readonly db: Pick<DataSource | EntityManager, 'query'>) {}

  async size(): Promise<number> {
    const [{ size }]: Array<{ size: string }> = await this.db.query(`SELECT coalesce(max(idx) + 1, 0) AS size FROM merkle_nodes WHERE level = 0`);
    return Number(size);
  }

  async root(size: number): Promise<string> {
    if (size === 0) return hex(EMPTY_ROOT);
    return hex(await withStoredTree(this.db, (tree) => tree.range(0, size)));
  }

  /** The event at a global position, in the tree of `size` (default: the whole tree); undefined if not chained. */
  async inclusion(globalPosition: number, size?: number): Promise<InclusionProof | undefined | 'beyond'> {
    const [row]: Array<{ log_seq: string }> = await this.db.query(`SELECT log_seq FROM event_hashes WHERE global_position = $1`, [globalPosition]);
    if (!row) return undefined;
    const logSeq = Number(row.log_seq);
    const treeSize = size ?? (await this.size());
    if (logSeq > treeSize) return 'beyond';
    const m = logSeq - 1;
    return withStoredTree(this.db, async (tree) => ({
      globalPosition, logSeq, leafIndex: m, treeSize, leafHash: hex(await tree.range(m, m + 1)),
      path: (await inclusionProof(tree, m, treeSize)).map(hex), rootHash: hex(await tree.range(0, treeSize)),
    }));
  }

  async consistency(from: number, to: number): Promise<ConsistencyProof> {
    return withStoredTree(this.db, async (tree) => {
      const root = async (n: number) => (n === 0 ? EMPTY_ROOT : tree.range(0, n));
      return { from, to, fromRoot: hex(await root(from)), toRoot: hex(await root(to)), proof: (await consistencyProof(tree, from, to)).map(hex) };
    });
  }
}

