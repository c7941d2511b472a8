import type { DataSource, EntityManager } from 'typeorm';
import { MerkleLog, frontierRoot } from '../merkle/merkle-log.js';
import { extendTree, type TreeNode } from '../merkle/stored-tree.js';
import { toStoredEvent, type EventRow } from '../rows.js';
import type { EventSigningKeys } from '../signing/event-signature.js';
import type { StoredEvent } from '../types.js';
import { canonicalEvent, chainHash } from './canonical.js';
import { HASH_CHAIN_FOLLOWER } from './hash-chainer.js';

/** forged: the event lacks a valid writer signature from a known key (written in SQL, or changed, moved or copied). */
export type TamperKind = 'altered' | 'deleted' | 'inserted' | 'forged';

/** Where a problem is. Null where the evidence is gone (a hash row deleted with its event). */
export interface ChainLocation {
  globalPosition: number | null;
  streamId: string | null;
  streamVersion: number | null;
  logSeq?: number;
}

export interface ChainHead {
  logSeq: number;
  logHash: string;
  globalPosition: number;
  /** The RFC 9162 Merkle root over the chain's rows 1..logSeq, recomputed from the events (hex); log-wide walks only. */
  rootHash?: string;
}

export type VerifyResult =
  | {
      status: 'intact';
      checked: number;
      head: ChainHead & { streamVersion?: number; streamHash?: string };
      /** Events not chained yet (newer than the head, or still being written): not covered. */
      pending: number;
    }
  | {
      status: TamperKind;
      at: ChainLocation;
      /** The hash the chain holds (or the checkpoint names). */
      expected?: string;
      /** The hash the event as it is now gives. */
      found?: string;
      reason: string;
      checked: number;
    };

/** verifyStreams: the first problem among the streams, or each of them intact. */
export type StreamsVerifyResult =
  | { status: 'intact'; streams: number; checked: number; pending: number }
  | Exclude<VerifyResult, { status: 'intact' }>;

/** What a checkpoint pins: the chain row at logSeq, its event and its hash. */
export interface CheckpointRef {
  logSeq: number;
  globalPosition: number;
  logHash: string;
  /** The signed tree head's root at size logSeq, when the checkpoint carries one. */
  rootHash?: string;
}

export interface VerifyOptions {
  /** Verify only up to this chain row, and require it to be exactly this one. */
  upTo?: CheckpointRef;
  /** Called with the number of events checked, every `progressEvery` (default 1000). */
  onProgress?: (checked: number) => void;
  progressEvery?: number;
}

const PAGE = 1000;

const E_COLUMNS = `e.global_position, e.transaction_id::text AS transaction_id, e.stream_id, e.stream_type, e.stream_version,
  e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at, e.recorded_at, e.signature, e.key_id`;

interface ChainRow {
  log_seq: string;
  h_position: string;
  h_transaction_id: string;
  h_stream_id: string;
  h_stream_version: number;
  stream_hash: string;
  log_hash: string;
  prev_log_hash?: string | null;
  global_position: string | null; // null: the event row is gone
}

type JoinedRow = ChainRow & Partial<EventRow>;

interface Candidate extends EventRow {
  before_seq: string | null;
}

type Problem = Exclude<VerifyResult, { status: 'intact' }>;

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Checks the event log against its hash chain (event_hashes) and reports the FIRST problem in chain
 * order: an event whose hash no longer matches (altered), a chained event whose row is gone or a hole
 * in the chain or in a stream's versions (deleted), an unchained event sitting before the chained head
 * in commit order, or one that claims a place in a stream it was never chained in (inserted).
 *
 * Hashes are recomputed from the events as stored, never trusted from event_hashes: the running
 * log hash at a checkpoint's row must equal the checkpoint's, so even a chain rewritten end to end
 * (hashes recomputed by whoever edited the events) is caught by verifyAgainstCheckpoint.
 *
 * Each run reads one REPEATABLE READ snapshot. It is read-only, so it takes no transaction id and
 * does not hold back the log followers.
 */
export class Verifier {
  /** `keys`: the writer's public keys; an event not signed by one of them is reported as forged. */
  constructor(private readonly dataSource: DataSource, private readonly keys: EventSigningKeys) {}

  /** Null when the event carries a valid signature by a known key; otherwise the problem, located. */
  private unsigned(event: StoredEvent, at: ChainLocation, checked: number): Problem | null {
    const why = this.keys.check(event, event.signature);
    return why === null ? null : { status: 'forged', checked, at, reason: why };
  }

  verifyLog(opts: VerifyOptions = {}): Promise<VerifyResult> {
    return this.snapshot((m) => this.walkLog(m, opts));
  }

  /** The whole log up to the checkpoint's row must verify, and that row must carry the checkpoint's hash. */
  verifyAgainstCheckpoint(checkpoint: CheckpointRef, opts: Omit<VerifyOptions, 'upTo'> = {}): Promise<VerifyResult> {
    return this.verifyLog({ ...opts, upTo: checkpoint });
  }

  verifyStream(streamId: string): Promise<VerifyResult> {
    return this.snapshot((m) => this.walkStream(m, streamId));
  }

  /**
   * Each of these streams on its own, in one snapshot, as verifyStream checks one (its stream chain, and
   * each event's link into the log chain from the row before it): the first problem, or how many streams
   * and events are intact. Costs a few queries per stream: for a scoped view when the log-wide walk
   * stopped at a stream the caller may not see.
   */
  verifyStreams(streamIds: readonly string[]): Promise<StreamsVerifyResult> {
    return this.snapshot(async (m) => {
      let checked = 0;
      let pending = 0;
      for (const id of streamIds) {
        const r = await this.walkStream(m, id);
        if (r.status !== 'intact') return { ...r, checked: checked + r.checked };
        checked += r.checked;
        pending += r.pending;
      }
      return { status: 'intact' as const, streams: streamIds.length, checked, pending };
    });
  }

  private async snapshot<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await work(runner.manager);
      } finally {
        await runner.query('ROLLBACK');
      }
    } finally {
      await runner.release();
    }
  }

  private async walkLog(m: EntityManager, opts: VerifyOptions): Promise<VerifyResult> {
    const every = opts.progressEvery ?? PAGE;
    const [last]: ChainRow[] = await m.query(
      `SELECT log_seq, global_position AS h_position, transaction_id::text AS h_transaction_id, log_hash
       FROM event_hashes ORDER BY log_seq DESC LIMIT 1`,
    );
    const lastSeq = num(last?.log_seq) ?? 0;
    const upTo = opts.upTo;
    if (upTo && upTo.logSeq > lastSeq) {
      return {
        status: 'deleted', checked: 0, expected: upTo.logHash,
        at: { globalPosition: upTo.globalPosition, streamId: null, streamVersion: null, logSeq: upTo.logSeq },
        reason: `the checkpoint names chain row ${upTo.logSeq}, but the chain ends at ${lastSeq}: rows were removed`,
      };
    }
    const limitSeq = upTo ? upTo.logSeq : lastSeq;

    // The first unchained event before the limit row in commit order, and the chain row it precedes.
    let candidate: Candidate | undefined;
    if (limitSeq > 0) {
      const [limitRow]: ChainRow[] = upTo
        ? await m.query(`SELECT transaction_id::text AS h_transaction_id, global_position AS h_position FROM event_hashes WHERE log_seq = $1`, [limitSeq])
        : [last];
      if (limitRow) {
        [candidate] = await m.query(
          `SELECT ${E_COLUMNS},
             (SELECT min(h2.log_seq) FROM event_hashes h2
               WHERE (h2.transaction_id, h2.global_position) > (e.transaction_id, e.global_position)) AS before_seq
           FROM events e
           WHERE NOT EXISTS (SELECT 1 FROM event_hashes h WHERE h.global_position = e.global_position)
             AND (e.transaction_id, e.global_position) < ($1::xid8, $2::bigint)
           ORDER BY e.transaction_id, e.global_position LIMIT 1`,
          [limitRow.h_transaction_id, limitRow.h_position],
        );
      }
    }

    const streams = new Map<string, { version: number; hash: string }>();
    let logHash = '';
    let expectedSeq = 1;
    let checked = 0;
    let head: ChainHead = { logSeq: 0, logHash: '', globalPosition: 0 };
    let frontier: TreeNode[] = [];
    while (expectedSeq <= limitSeq) {
      const rows: JoinedRow[] = await m.query(
        `SELECT h.log_seq, h.global_position AS h_position, h.transaction_id::text AS h_transaction_id,
           h.stream_id AS h_stream_id, h.stream_version AS h_stream_version, h.stream_hash, h.log_hash, ${E_COLUMNS}
         FROM event_hashes h LEFT JOIN events e ON e.global_position = h.global_position
         WHERE h.log_seq >= $1 AND h.log_seq <= $2 ORDER BY h.log_seq LIMIT $3`,
        [expectedSeq, limitSeq, PAGE],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.log_seq);
        if (candidate && candidate.before_seq !== null && Number(candidate.before_seq) <= seq) return inserted(candidate, checked);
        if (seq !== expectedSeq) {
          return {
            status: 'deleted', checked,
            at: { globalPosition: null, streamId: null, streamVersion: null, logSeq: expectedSeq },
            reason: `chain rows ${expectedSeq}..${seq - 1} are gone (with their events' hashes), before the event at global position ${row.h_position}`,
          };
        }
        const at: ChainLocation = {
          globalPosition: Number(row.h_position), streamId: row.h_stream_id, streamVersion: row.h_stream_version, logSeq: seq,
        };
        if (row.global_position === null) {
          return { status: 'deleted', checked, at, expected: row.log_hash, reason: 'the chained event row is gone' };
        }
        const event = toStoredEvent(row as EventRow);
        const canonical = canonicalEvent(event);
        const runningLog = chainHash(logHash, canonical);
        if (runningLog !== row.log_hash) {
          return { status: 'altered', checked, at, expected: row.log_hash, found: runningLog, reason: 'the event no longer gives the log hash chained for it' };
        }
        const prev = streams.get(row.h_stream_id) ?? { version: 0, hash: '' };
        if (row.h_stream_version !== prev.version + 1) {
          return {
            status: 'deleted', checked,
            at: { globalPosition: null, streamId: row.h_stream_id, streamVersion: prev.version + 1 },
            reason: `stream ${row.h_stream_id} goes from version ${prev.version} to ${row.h_stream_version} in the chain`,
          };
        }
        const runningStream = chainHash(prev.hash, canonical);
        if (runningStream !== row.stream_hash) {
          return { status: 'altered', checked, at, expected: row.stream_hash, found: runningStream, reason: 'the event no longer gives the stream hash chained for it' };
        }
        const forged = this.unsigned(event, at, checked);
        if (forged) return forged;
        streams.set(row.h_stream_id, { version: row.h_stream_version, hash: runningStream });
        frontier = extendTree(frontier, checked, [Buffer.from(canonical, 'utf8')]).frontier;
        logHash = runningLog;
        head = { logSeq: seq, logHash, globalPosition: Number(row.h_position) };
        checked += 1;
        expectedSeq += 1;
        if (opts.onProgress && checked % every === 0) opts.onProgress(checked);
      }
    }
    if (expectedSeq <= limitSeq) {
      return {
        status: 'deleted', checked, at: { globalPosition: null, streamId: null, streamVersion: null, logSeq: expectedSeq },
        reason: `chain rows from ${expectedSeq} are gone`,
      };
    }
    if (candidate) return inserted(candidate, checked);
    head = { ...head, rootHash: frontierRoot(frontier).toString('hex') };
    // The stored tree (what proofs are computed from) must give the root the events give.
    const stored = new MerkleLog(m);
    if ((await stored.size()) >= head.logSeq && head.logSeq > 0) {
      let storedRoot: string | undefined;
      try {
        storedRoot = await stored.root(head.logSeq);
      } catch {
        storedRoot = undefined;
      }
      if (storedRoot !== head.rootHash) {
        return {
          status: 'altered', checked, expected: storedRoot, found: head.rootHash,
          at: { globalPosition: head.globalPosition, streamId: null, streamVersion: null, logSeq: head.logSeq },
          reason: 'the stored Merkle tree does not give the root the events give: its nodes were changed or removed',
        };
      }
    }
    if (upTo?.rootHash && upTo.rootHash !== head.rootHash) {
      return {
        status: 'altered', checked, expected: upTo.rootHash, found: head.rootHash,
        at: { globalPosition: upTo.globalPosition, streamId: null, streamVersion: null, logSeq: upTo.logSeq },
        reason: 'the log up to the signed tree head no longer gives its Merkle root: what it covers was rewritten',
      };
    }

    if (upTo) {
      if (head.globalPosition !== upTo.globalPosition || head.logHash !== upTo.logHash) {
        return {
          status: 'altered', checked, expected: upTo.logHash, found: head.logHash,
          at: { globalPosition: upTo.globalPosition, streamId: null, streamVersion: null, logSeq: upTo.logSeq },
          reason: head.globalPosition !== upTo.globalPosition
            ? `the checkpoint's row ${upTo.logSeq} chained global position ${upTo.globalPosition}, the chain now has ${head.globalPosition} there`
            : 'the log up to the checkpoint no longer gives the checkpoint\'s hash: it was rewritten (hashes recomputed) before that row',
        };
      }
    } else {
      // The follower's checkpoint commits with the rows: past the last row means the newest rows were cut off.
      const [cp]: Array<{ position: string }> = await m.query(
        `SELECT position FROM follower_checkpoints WHERE name = $1`, [HASH_CHAIN_FOLLOWER],
      );
      if (cp && Number(cp.position) !== head.globalPosition && !(lastSeq === 0 && Number(cp.position) === 0)) {
        return {
          status: 'deleted', checked,
          at: { globalPosition: Number(cp.position), streamId: null, streamVersion: null, logSeq: head.logSeq + 1 },
          reason: `the chainer had chained up to global position ${cp.position}, the chain now ends at ${head.globalPosition}: its newest rows are gone`,
        };
      }
    }
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_hashes h WHERE h.global_position = e.global_position)`,
    );
    return { status: 'intact', checked, head, pending: n };
  }

  private async walkStream(m: EntityManager, streamId: string): Promise<VerifyResult> {
    const rows: JoinedRow[] = await m.query(
      `SELECT h.log_seq, h.global_position AS h_position, h.transaction_id::text AS h_transaction_id,
         h.stream_id AS h_stream_id, h.stream_version AS h_stream_version, h.stream_hash, h.log_hash,
         p.log_hash AS prev_log_hash, ${E_COLUMNS}
       FROM event_hashes h
       LEFT JOIN events e ON e.global_position = h.global_position
       LEFT JOIN event_hashes p ON p.log_seq = h.log_seq - 1
       WHERE h.stream_id = $1 ORDER BY h.stream_version`,
      [streamId],
    );
    const [last]: ChainRow[] = await m.query(
      `SELECT transaction_id::text AS h_transaction_id, global_position AS h_position FROM event_hashes ORDER BY log_seq DESC LIMIT 1`,
    );
    // Events of this stream the chain does not hold as this stream's: unchained ones before the chain's
    // head, and rows whose stream id or version was changed to move them here.
    const candidates: EventRow[] = await m.query(
      `SELECT ${E_COLUMNS} FROM events e
       LEFT JOIN event_hashes h ON h.global_position = e.global_position
       WHERE e.stream_id = $1
         AND ((h.global_position IS NULL AND $2::xid8 IS NOT NULL AND (e.transaction_id, e.global_position) < ($2::xid8, $3::bigint))
           OR (h.global_position IS NOT NULL AND (h.stream_id <> e.stream_id OR h.stream_version <> e.stream_version)))
       ORDER BY e.stream_version`,
      [streamId, last?.h_transaction_id ?? null, last?.h_position ?? 0],
    );
    let ci = 0;
    let prev = { version: 0, hash: '' };
    let checked = 0;
    let head: ChainHead & { streamVersion?: number; streamHash?: string } = { logSeq: 0, logHash: '', globalPosition: 0 };
    for (const row of rows) {
      if (ci < candidates.length && candidates[ci].stream_version < row.h_stream_version) return inserted(candidates[ci], checked);
      const seq = Number(row.log_seq);
      const at: ChainLocation = { globalPosition: Number(row.h_position), streamId, streamVersion: row.h_stream_version, logSeq: seq };
      if (row.h_stream_version !== prev.version + 1) {
        return {
          status: 'deleted', checked, at: { globalPosition: null, streamId, streamVersion: prev.version + 1 },
          reason: `the chain goes from version ${prev.version} to ${row.h_stream_version}`,
        };
      }
      if (row.global_position === null) return { status: 'deleted', checked, at, expected: row.stream_hash, reason: 'the chained event row is gone' };
      const event = toStoredEvent(row as EventRow);
      const canonical = canonicalEvent(event);
      const streamHash = chainHash(prev.hash, canonical);
      if (streamHash !== row.stream_hash) {
        return { status: 'altered', checked, at, expected: row.stream_hash, found: streamHash, reason: 'the event no longer gives the stream hash chained for it' };
      }
      const prevLog = seq === 1 ? '' : row.prev_log_hash;
      if (prevLog !== null && prevLog !== undefined) {
        const logHash = chainHash(prevLog, canonical);
        if (logHash !== row.log_hash) {
          return { status: 'altered', checked, at, expected: row.log_hash, found: logHash, reason: 'the event no longer gives the log hash chained for it' };
        }
      }
      const forged = this.unsigned(event, at, checked);
      if (forged) return forged;
      prev = { version: row.h_stream_version, hash: streamHash };
      head = { logSeq: seq, logHash: row.log_hash, globalPosition: Number(row.h_position), streamVersion: prev.version, streamHash };
      checked += 1;
    }
    if (ci < candidates.length) return inserted(candidates[ci], checked);
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM events e WHERE e.stream_id = $1
         AND NOT EXISTS (SELECT 1 FROM event_hashes h WHERE h.global_position = e.global_position)`,
      [streamId],
    );
    return { status: 'intact', checked, head, pending: n };
  }
}

function inserted(e: EventRow, checked: number): Problem {
  return {
    status: 'inserted', checked,
    at: { globalPosition: Number(e.global_position), streamId: e.stream_id, streamVersion: e.stream_version },
    reason: 'an event the chain never held sits among chained events (before the chained head in commit order)',
  };
}
