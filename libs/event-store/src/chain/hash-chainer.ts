import type { DataSource, EntityManager } from 'typeorm';
import { LogFollower } from '../log-follower.js';
import type { StoredEvent } from '../types.js';
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
  readonly follower: LogFollower<ChainRows>;

  constructor(private readonly dataSource: DataSource, opts: HashChainerOptions = {}) {
    this.follower = new LogFollower<ChainRows>(dataSource, HASH_CHAIN_FOLLOWER, {
      prepare: (events) => this.rowsOf(events),
      write: (_events, m, rows) => this.insert(rows, m),
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
  private async rowsOf(events: StoredEvent[]): Promise<ChainRows> {
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
    const rows: ChainRows = [];
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
    }
    return rows;
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
