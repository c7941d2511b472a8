import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { positionOf, readLog } from './log-reader.js';
import type { LogPosition, StoredEvent, Upcaster } from './types.js';

/*
 * A named, checkpointed reader of the whole log, safe against late commits, that never holds a
 * transaction open across slow work.
 *
 * Order and gap safety come from readLog (log-reader.ts): rows are read by
 * (transaction_id, global_position) and only from transactions older than the snapshot's xmin.
 * The price is that ANY transaction holding a transaction id, anywhere on the server, holds back
 * every follower: so this one holds none while it works.
 *
 * One batch: the follower takes a session advisory lock of its name (no transaction: several
 * processes may run the same follower, the others return 0 at once), reads the batch in one
 * autocommitted statement, and then, chunk by chunk:
 *   1. `prepare(chunk)`, with NO transaction open: the slow part (reads, computing, calls out);
 *   2. one short transaction: the checkpoint moves from where this chunk starts to its last event
 *      (compare-and-set: it fails when anyone else moved it) and `write(chunk, tx, prepared)` writes
 *      the chunk's effects. Effects and checkpoint commit together: exactly once in the database.
 * A failing chunk rolls back its effects and its checkpoint move and ends the batch; the chunks before
 * it stay done, and the next poll starts at the failed one. Effects outside the database (queues,
 * mail) are at-least-once: give them deterministic ids.
 *
 * `write` must wait on nothing but the database (its transaction holds an xid from its first
 * statement); a plain function handler is a `write` without `prepare`.
 */
export interface LogHandler<P = unknown> {
  /** The chunk's slow work, outside any transaction; what it returns goes to `write`. */
  prepare?: (events: StoredEvent[]) => Promise<P>;
  /** The chunk's writes, in its short transaction with the checkpoint. */
  write: (events: StoredEvent[], manager: EntityManager, prepared: P) => Promise<void>;
}

export type LogHandlerFn = (events: StoredEvent[], manager: EntityManager) => Promise<void>;

export interface LogFollowerOptions {
  /** Events read per statement (default 500). */
  batchSize?: number;
  /** Events per transaction (default 100). */
  chunkSize?: number;
  upcast?: Upcaster;
  /** Errors in the start() loop; the loop keeps going after the next interval. */
  onError?: (error: unknown) => void;
}

/** The checkpoint moved under a chunk: another process handled it (its lock was lost in between). */
export class CheckpointMovedError extends Error {}

/** First key of pg_try_advisory_lock(int, int) for followers. */
const LOCK_NAMESPACE = 0x666f_6c6c; // "foll"

export class LogFollower<P = unknown> {
  private readonly batchSize: number;
  private readonly chunkSize: number;
  private readonly handler: LogHandler<P>;
  private registered = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    readonly name: string,
    handle: LogHandler<P> | LogHandlerFn,
    private readonly opts: LogFollowerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.chunkSize = Math.max(1, Math.min(opts.chunkSize ?? 100, this.batchSize));
    this.handler = typeof handle === 'function' ? { write: (events, m) => handle(events, m) } : handle;
  }

  /** Handles at most one batch; returns how many events it handled (0 when another process holds it). */
  async pollOnce(): Promise<number> {
    if (!this.registered) {
      // Looked up first: an INSERT … ON CONFLICT would wait on the row while a chunk of another
      // process is moving it.
      const known = await this.dataSource.query(`SELECT 1 FROM follower_checkpoints WHERE name = $1`, [this.name]);
      if (!known.length) {
        await this.dataSource.query(`INSERT INTO follower_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [this.name]);
      }
      this.registered = true;
    }
    // One session for the lock and the chunks' transactions: if it breaks, both go together.
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    let locked = false;
    try {
      const [{ ok }] = await qr.query(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok`, [LOCK_NAMESPACE, this.name]);
      if (!ok) return 0;
      locked = true;
      const [cp]: Array<{ transaction_id: string; position: string }> = await qr.query(
        `SELECT transaction_id::text AS transaction_id, position FROM follower_checkpoints WHERE name = $1`,
        [this.name],
      );
      let at: LogPosition = { transactionId: cp.transaction_id, globalPosition: Number(cp.position) };
      const events = await readLog(qr, at, this.batchSize, this.opts.upcast);
      let handled = 0;
      for (let i = 0; i < events.length; i += this.chunkSize) {
        const chunk = events.slice(i, i + this.chunkSize);
        at = await this.commitChunk(qr, at, chunk);
        handled += chunk.length;
      }
      return handled;
    } finally {
      try {
        if (locked) await qr.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_NAMESPACE, this.name]);
      } finally {
        await qr.release();
      }
    }
  }

  /** Polls until stop(); a full batch is followed at once by the next one. */
  start(intervalMs: number): void {
    if (this.running) return;
    this.running = true;
    const tick = async (): Promise<void> => {
      let handled = 0;
      try {
        handled = await this.pollOnce();
      } catch (e) {
        (this.opts.onError ?? ((err) => console.error(`[log-follower ${this.name}]`, err)))(e);
      }
      if (!this.running) return;
      this.timer = setTimeout(() => {
        this.inFlight = tick();
      }, handled >= this.batchSize ? 0 : intervalMs);
    };
    this.inFlight = tick();
  }

  /** Resolves once the batch in progress (if any) has committed or rolled back. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  private async commitChunk(qr: QueryRunner, from: LogPosition, chunk: StoredEvent[]): Promise<LogPosition> {
    const prepared = this.handler.prepare ? await this.handler.prepare(chunk) : (undefined as P);
    const to = positionOf(chunk[chunk.length - 1]);
    await qr.startTransaction();
    try {
      // A SELECT around the UPDATE: TypeORM answers an UPDATE with [rows, count], a SELECT with its rows.
      const [{ n }]: Array<{ n: number }> = await qr.query(
        `WITH moved AS (UPDATE follower_checkpoints SET transaction_id = $4::xid8, position = $5, updated_at = clock_timestamp()
          WHERE name = $1 AND transaction_id = $2::xid8 AND position = $3 RETURNING name)
         SELECT count(*)::int AS n FROM moved`,
        [this.name, from.transactionId, from.globalPosition, to.transactionId, to.globalPosition],
      );
      if (n !== 1) throw new CheckpointMovedError(`follower ${this.name}: the checkpoint is no longer at ${from.globalPosition} (another process moved it)`);
      await this.handler.write(chunk, qr.manager, prepared);
      await qr.commitTransaction();
      return to;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw e;
    }
  }
}
