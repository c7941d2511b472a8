import type { DataSource, EntityManager } from 'typeorm';
import { LogFollower } from '../log-follower.js';
import type { StoredEvent } from '../types.js';
import { toStoredEvent, type EventRow } from '../rows.js';
import { extendTree, insertNodes, readFrontier, type TreeNode } from '../merkle/stored-tree.js';
import { canonicalEvent, chainHash } from './canonical.js';

export const HASH_CHAIN_FOLLOWER = 'hash-chain';

export interface HashChainerOptions {
  /** Events read per statement (default 2000). */
  batchSize?: number;
  /** Events chained per transaction (default 500). */
  chunkSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Writes the hash chain (event_hashes) after commit, as the LogFollower 'hash-chain'.
 *
 * Appends never wait for it and lock nothing global: the chain is computed here, in the log's
 * commit-safe order (transaction_id, global_position), which is also version order within a stream.
 * The follower computes each chunk's hashes with no transaction open, then writes them in one short
 * transaction that moves its checkpoint from where the chunk starts (compare-and-set), so the hash rows
 * and the checkpoint commit together and each event is chained exactly once, however many processes
 * run a chainer (a session advisory lock lets one of them at a time take a batch). The follower reads
 * without an upcaster: hashes cover data as stored.
 */
export class HashChainer {
  readonly follower: LogFollower<Prepared>;

  constructor(private readonly dataSource: DataSource, opts: HashChainerOptions = {}) {
    this.follower = new LogFollower<Prepared>(dataSource, HASH_CHAIN_FOLLOWER, {
      prepare: (events) => this.rowsOf(events),
      write: async (_events, m, prepared) => {
        await this.insert(prepared.rows, m);
        await insertNodes(m, prepared.nodes);
      },
    }, {
      batchSize: opts.batchSize ?? 2000,
      chunkSize: opts.chunkSize ?? 500,
      onError: opts.onError,
    });
  }

  /** Chains at most one batch; returns how many events it chained (0 when another process holds the batch). */
  pollOnce(): Promise<number> {
    return this.follower.pollOnce();
  }

  /**
   * Chains batches until none is left that can be read now (events of still-open transactions wait
   * for the next run). `onProgress` gets the running total after each batch.
   */
  async catchUp(onProgress?: (chained: number) => void): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.pollOnce();
      if (n === 0) return total;
      total += n;
      onProgress?.(total);
    }
  }

  /** Events in the log that have no hash row yet (committed, or still being written). */
  async pending(): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_hashes h WHERE h.global_position = e.global_position)`,
    );
    return n;
  }

  start(intervalMs: number): void {
    this.follower.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  /**
   * The chunk's hash rows, computed outside any transaction: the chain's head and the newest chained
   * event below each stream's first event in the chunk, in one query each. What they read stays true
   * until write commits, because chain rows are only written with a move of the follower's
   * checkpoint, and write's move fails (rolling the rows back) if anyone moved it since.
   */
  private async rowsOf(events: StoredEvent[]): Promise<Prepared> {
    const [last]: Array<{ log_seq: string; log_hash: string }> = await this.dataSource.query(
      `SELECT log_seq, log_hash FROM event_hashes ORDER BY log_seq DESC LIMIT 1`,
    );
    let seq = last ? Number(last.log_seq) : 0;
    let logHash = last?.log_hash ?? '';
    const first = new Map<string, number>();
    for (const e of events) if (!first.has(e.streamId)) first.set(e.streamId, e.streamVersion);
    // The newest chained event of each stream below its first one here ('' for none): an event missing
    // before it (deleted before it was chained) shows as a version gap when verifying.
    const found: Array<{ stream_id: string; stream_version: number | null; stream_hash: string | null }> = await this.dataSource.query(
      `SELECT s.stream_id, h.stream_version, h.stream_hash
         FROM unnest($1::text[], $2::int[]) AS s(stream_id, below)
         LEFT JOIN LATERAL (SELECT stream_version, stream_hash FROM event_hashes
                             WHERE stream_id = s.stream_id AND stream_version < s.below
                             ORDER BY stream_version DESC LIMIT 1) h ON true`,
      [[...first.keys()], [...first.values()]],
    );
    const streams = new Map<string, { version: number; hash: string }>(
      found.map((f) => [f.stream_id, { version: f.stream_version ?? 0, hash: f.stream_hash ?? '' }]),
    );
    // The Merkle tree's leaves are the chain's rows, in the same order (leaf i = log_seq i + 1), hashing
    // the same canonical text; a tree started after the chain (a database migrated from before it) is
    // first filled in from the rows already chained.
    const [{ size }]: Array<{ size: string }> = await this.dataSource.query(
      `SELECT coalesce(max(idx) + 1, 0) AS size FROM merkle_nodes WHERE level = 0`,
    );
    const treeSize = Number(size);
    const backfill: Buffer[] = [];
    if (treeSize < seq) {
      const missing: EventRow[] = await this.dataSource.query(
        `SELECT e.global_position, e.transaction_id::text AS transaction_id, e.stream_id, e.stream_type, e.stream_version,
           e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at, e.recorded_at
         FROM event_hashes h JOIN events e ON e.global_position = h.global_position
         WHERE h.log_seq > $1 ORDER BY h.log_seq`, [treeSize],
      );
      if (missing.length !== seq - treeSize) throw new Error('Merkle tree: chained events are missing; run the verifier');
      for (const r of missing) backfill.push(Buffer.from(canonicalEvent(toStoredEvent(r)), 'utf8'));
    }
    const frontier = await readFrontier(this.dataSource, treeSize);
    const rows: ChainRows = [];
    const leaves: Buffer[] = [...backfill];
    for (const e of events) {
      const prev = streams.get(e.streamId)!;
      if (prev.version >= e.streamVersion) {
        throw new Error(`hash chain: event at global position ${e.globalPosition} claims ${e.streamId} version ${e.streamVersion}, `
          + `which is already chained: the log was changed behind the store's back; run the verifier`);
      }
      const canonical = canonicalEvent(e);
      const streamHash = chainHash(prev.hash, canonical);
      logHash = chainHash(logHash, canonical);
      seq += 1;
      streams.set(e.streamId, { version: e.streamVersion, hash: streamHash });
      rows.push([seq, e.globalPosition, e.transactionId, e.streamId, e.streamVersion, streamHash, logHash]);
      leaves.push(Buffer.from(canonical, 'utf8'));
    }
    const { nodes } = extendTree(frontier, treeSize, leaves);
    return { rows, nodes };
  }

  private async insert(rows: ChainRows, m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO event_hashes (log_seq, global_position, transaction_id, stream_id, stream_version, stream_hash, log_hash)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::xid8[], $4::text[], $5::int[], $6::text[], $7::text[])`,
      [0, 1, 2, 3, 4, 5, 6].map((i) => rows.map((r) => r[i])),
    );
  }
}

type ChainRows = Array<[number, number, string, string, number, string, string]>;
interface Prepared {
  rows: ChainRows;
  nodes: TreeNode[];
}
