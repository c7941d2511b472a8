import type { DomainEvent } from '../decider.js';
import type { CommandPipeline, StreamView } from '../handle-command.js';
import type { Sql, SqlPool } from '../sql.js';
import type { StoredEvent } from '../types.js';
import { canRebuildOnline, rebuildOnline } from './online-rebuild.js';
import { insertRows, type Row, type TableProjection } from './table-projection.js';

export interface RebuildOptions {
  /** Writes into other tables of the same shape (e.g. temporary copies to compare with). */
  into?: (table: string) => string;
  /** Events read per round trip. */
  batchSize?: number;
  /** Streams folded so far. */
  onProgress?: (streams: number) => void;
}

/**
 * Rebuilds a pipeline's inline projections from the log: one keyset scan of the stream type's events
 * in (stream, version) order, each stream folded in memory as soon as it is complete, its rows
 * buffered and inserted in bulk. The database and Node work side by side: the next batch of events
 * and the inserts are sent without waiting for them (one connection runs them in order), while the
 * streams already read are folded. The target tables must be empty (the caller truncates or creates
 * them in the same transaction `tx`), but for `rebuild: 'upsert'` projections. Returns the number of streams.
 */
export async function rebuildProjections<E extends DomainEvent, S, Ctx>(
  tx: Sql,
  pipeline: CommandPipeline<E, S, Ctx>,
  opts: RebuildOptions = {},
): Promise<number> {
  const projections = pipeline.spec.projections ?? [];
  const buffers = new Map<TableProjection<StreamView<E, S>, Ctx>, Row[]>(projections.map((p) => [p, []]));
  // The statements of the transaction, one after the other (a connection runs one at a time), while
  // this function goes on folding: each is chained to the one before instead of awaited here.
  let tail: Promise<unknown> = Promise.resolve();
  let failed: unknown;
  const inOrder = <T>(statement: () => Promise<T>): Promise<T> => {
    const run = tail.then(statement);
    tail = run.catch((e) => (failed ??= e));
    return run;
  };
  const send = (p: TableProjection<StreamView<E, S>, Ctx>, rows: Row[]) => {
    const upsert = p.rebuild === 'upsert';
    void inOrder(() => insertRows(tx, p, rows, opts.into?.(p.table) ?? p.table, upsert ? Infinity : undefined)).catch(() => {});
  };
  const flush = (all: boolean) => {
    for (const [p, rows] of buffers) {
      if (rows.length && (all || (p.rebuild !== 'upsert' && rows.length >= 2000))) send(p, rows.splice(0));
    }
  };
  let streams = 0;
  let current: StoredEvent[] = [];
  const finish = async () => {
    if (!current.length) return;
    const view = pipeline.fold(current[0].streamId, current.map((e) => pipeline.toEvent(e)));
    for (const [p, rows] of await pipeline.rowsOf(view)) buffers.get(p)!.push(...rows);
    current = [];
    if (++streams % 500 === 0) opts.onProgress?.(streams);
    flush(false);
  };
  const batch = opts.batchSize ?? 5000;
  const read = (after?: { streamId: string; version: number }) =>
    inOrder(() => pipeline.store.readStreamsOfType(pipeline.spec.streamType, after, batch, tx));
  try {
    for (let next = read(); ;) {
      const events = await next;
      const last = events[events.length - 1];
      if (events.length === batch) next = read({ streamId: last.streamId, version: last.streamVersion });
      for (const e of events) {
        if (current.length && current[0].streamId !== e.streamId) await finish();
        current.push(e);
      }
      if (events.length < batch) break;
    }
    await finish();
    flush(true);
    await tail;
  } catch (e) {
    throw failed ?? e; // the first statement that failed, not the ones the aborted transaction refused after it
  }
  if (failed) throw failed;
  opts.onProgress?.(streams);
  return streams;
}

/**
 * Rebuilds, once, every projection whose table was built by another version of its code than the
 * one running (or never recorded), under an advisory lock so that two processes starting together
 * rebuild it once. The tables of a pipeline are rebuilt together: online beside the live ones and
 * swapped in (rebuildOnline) when each names its stream, else in one transaction.
 */
export async function rebuildStaleProjections(
  sql: SqlPool,
  pipelines: ReadonlyArray<CommandPipeline<any, any, any>>,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const rebuilt: string[] = [];
  for (const pipeline of pipelines) {
    const projections = pipeline.spec.projections ?? [];
    if (!projections.length) continue;
    const record = async (tx: Sql) => {
      for (const p of projections) {
        await tx.query(
          `INSERT INTO projection_versions (name, version) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, rebuilt_at = clock_timestamp()`,
          [p.name, p.version],
        );
      }
    };
    await sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('projection-versions'))`);
      const recorded = new Map((await tx.query<{ name: string; version: number }>(`SELECT name, version FROM projection_versions`)).map((r) => [r.name, r.version]));
      if (projections.every((p) => recorded.get(p.name) === p.version)) return;
      const started = Date.now();
      let n: number;
      if (canRebuildOnline(pipeline)) {
        // This transaction only holds the lock (it writes nothing, so it holds back no follower) while
        // the rebuild runs on other connections and records the versions in its swap.
        await tx.query(`SET LOCAL idle_in_transaction_session_timeout = 0`);
        n = (await rebuildOnline(sql, pipeline, { inSwap: record })).streams;
      } else {
        const truncated = [...new Set(projections.filter((p) => p.rebuild !== 'upsert').map((p) => p.table))];
        if (truncated.length) await tx.query(`TRUNCATE ${truncated.join(', ')}`);
        n = await rebuildProjections(tx, pipeline);
        await record(tx);
      }
      rebuilt.push(...projections.map((p) => p.name));
      pipeline.forget();
      log(`Rebuilt ${projections.map((p) => `${p.name} v${p.version}`).join(', ')} from ${n} ${pipeline.spec.streamType} stream(s) in ${Date.now() - started} ms`);
    });
  }
  return rebuilt;
}
