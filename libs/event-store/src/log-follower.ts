import type { DataSource, EntityManager } from 'typeorm';
import { positionOf, readLog } from './log-reader.js';
import type { StoredEvent, Upcaster } from './types.js';

/*
 * A named, checkpointed reader of the whole log, safe against late commits.
 *
 * Order and gap safety come from readLog (log-reader.ts): rows are read by
 * (transaction_id, global_position) and only from transactions older than the snapshot's xmin,
 * because a plain global_position checkpoint skips a row whose transaction took a lower
 * position but committed after a higher one was read.
 *
 * Exactly-once effects: each batch runs in ONE transaction that locks the follower's
 * checkpoint row, hands the events and the transaction's EntityManager to `handle`, and moves
 * the checkpoint. Projection writes and checkpoint commit together; a failing handler rolls both
 * back and the batch is retried. Effects outside the database (queues, mail) are at-least-once:
 * give them deterministic ids.
 *
 * Several processes may run the same follower: `FOR UPDATE SKIP LOCKED` lets one of them take
 * the batch while the others return 0 at once instead of queueing behind it and handling the
 * batch a second time.
 */
export type LogHandler = (events: StoredEvent[], manager: EntityManager) => Promise<void>;

export interface LogFollowerOptions {
  batchSize?: number;
  upcast?: Upcaster;
  /** Errors in the start() loop; the loop keeps going after the next interval. */
  onError?: (error: unknown) => void;
}

export class LogFollower {
  private readonly batchSize: number;
  private registered = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    readonly name: string,
    private readonly handle: LogHandler,
    private readonly opts: LogFollowerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
  }

  /** Handles at most one batch; returns how many events it handled. */
  async pollOnce(): Promise<number> {
    if (!this.registered) {
      // Outside the batch transaction so a brand-new row is committed and lockable by everyone.
      await this.dataSource.query(
        `INSERT INTO follower_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
        [this.name],
      );
      this.registered = true;
    }
    return this.dataSource.transaction(async (m) => {
      const cp: Array<{ transaction_id: string; position: string }> = await m.query(
        `SELECT transaction_id::text AS transaction_id, position FROM follower_checkpoints
         WHERE name = $1 FOR UPDATE SKIP LOCKED`,
        [this.name],
      );
      if (cp.length === 0) return 0; // another process is handling this follower's batch
      const after = { transactionId: cp[0].transaction_id, globalPosition: Number(cp[0].position) };
      const events = await readLog(m, after, this.batchSize, this.opts.upcast);
      if (events.length === 0) return 0;
      await this.handle(events, m);
      const last = positionOf(events[events.length - 1]);
      await m.query(
        `UPDATE follower_checkpoints SET transaction_id = $2::xid8, position = $3, updated_at = clock_timestamp()
         WHERE name = $1`,
        [this.name, last.transactionId, last.globalPosition],
      );
      return events.length;
    });
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
}
