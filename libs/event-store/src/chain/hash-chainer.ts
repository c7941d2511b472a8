import type { DataSource, EntityManager } from 'typeorm';
import { LogFollower } from '../log-follower.js';
import type { StoredEvent } from '../types.js';
import { canonicalEvent, chainHash } from './canonical.js';

export const HASH_CHAIN_FOLLOWER = 'hash-chain';

export interface HashChainerOptions {
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Writes the hash chain (event_hashes) after commit, as the LogFollower 'hash-chain'.
 *
 * Appends never wait for it and lock nothing global: the chain is computed here, in the log's
 * commit-safe order (transaction_id, global_position), which is also version order within a stream.
 * The follower runs each batch in one transaction holding its checkpoint row (FOR UPDATE SKIP LOCKED),
 * so the hash rows and the checkpoint commit together and each event is chained exactly once, however
 * many processes run a chainer. The follower reads without an upcaster: hashes cover data as stored.
 */
export class HashChainer {
  readonly follower: LogFollower;

  constructor(private readonly dataSource: DataSource, opts: HashChainerOptions = {}) {
    this.follower = new LogFollower(dataSource, HASH_CHAIN_FOLLOWER, (events, m) => this.chain(events, m), {
      batchSize: opts.batchSize ?? 500,
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

  private async chain(events: StoredEvent[], m: EntityManager): Promise<void> {
    const [last]: Array<{ log_seq: string; log_hash: string }> = await m.query(
      `SELECT log_seq, log_hash FROM event_hashes ORDER BY log_seq DESC LIMIT 1`,
    );
    let seq = last ? Number(last.log_seq) : 0;
    let logHash = last?.log_hash ?? '';
    const streams = new Map<string, { version: number; hash: string }>();
    const rows: Array<[number, number, string, string, number, string, string]> = [];
    for (const e of events) {
      let prev = streams.get(e.streamId);
      if (!prev) {
        // The newest chained event of the stream below this one ('' for the first): an event missing
        // before it (deleted before it was chained) shows as a version gap when verifying.
        const found: Array<{ stream_version: number; stream_hash: string }> = await m.query(
          `SELECT stream_version, stream_hash FROM event_hashes WHERE stream_id = $1 AND stream_version < $2
           ORDER BY stream_version DESC LIMIT 1`,
          [e.streamId, e.streamVersion],
        );
        prev = found[0] ? { version: found[0].stream_version, hash: found[0].stream_hash } : { version: 0, hash: '' };
      }
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
    await m.query(
      `INSERT INTO event_hashes (log_seq, global_position, transaction_id, stream_id, stream_version, stream_hash, log_hash)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::xid8[], $4::text[], $5::int[], $6::text[], $7::text[])`,
      [0, 1, 2, 3, 4, 5, 6].map((i) => rows.map((r) => r[i])),
    );
  }
}
