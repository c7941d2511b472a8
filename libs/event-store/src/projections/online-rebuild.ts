import type { CommandPipeline } from '../handle-command.js';
import type { Sql, SqlPool } from '../sql.js';
import { rebuildProjections } from './rebuild.js';
import { insertRows, type TableProjection } from './table-projection.js';

export interface OnlineRebuildOptions {
  batchSize?: number;
  onProgress?: (streams: number) => void;
  /** Runs inside the swap's transaction (e.g. to record the projections' versions with the new tables). */
  inSwap?: (tx: Sql) => Promise<void>;
  /** How long the swap waits for a table lock before it gives way and tries again (readers queue behind it meanwhile). */
  swapLockTimeoutMs?: number;
}

export interface OnlineRebuildReport {
  streams: number;
  /** Streams written to while the shadow tables were built, projected again before the swap. */
  tailStreams: number;
  /** How long the swap's transaction held its locks. */
  swapMs: number;
}

type AnyProjection = TableProjection<any, any>;

/** Whether a pipeline's tables can be rebuilt beside the live ones: each names the stream its rows come from. */
export function canRebuildOnline(pipeline: CommandPipeline<any, any, any>): boolean {
  const projections = (pipeline.spec.projections ?? []) as AnyProjection[];
  return projections.length > 0 && projections.every((p) => p.rebuild !== 'upsert' && p.streamColumn !== undefined);
}

const shadowOf = (table: string) => `${table}__rebuild`;
const retiredOf = (table: string) => `${table}__retired`;

/**
 * Rebuilds a pipeline's read models while the product keeps serving and writing (blue/green):
 * 1. shadow tables of the same shape (`CREATE TABLE … (LIKE … INCLUDING ALL)`), filled from the log by
 *    rebuildProjections (large keyset batches, multi-row inserts) without any transaction held open;
 * 2. the tail: the streams written since the previous snapshot (events whose transaction it did not see,
 *    pg_visible_in_snapshot), folded again into the shadow tables, round after round while it shrinks;
 * 3. the swap, one short transaction: EXCLUSIVE locks on the live tables (readers go on, writers wait),
 *    the last tail, then the shadow tables renamed in place of the live ones with their indexes' and
 *    constraints' names, the old tables dropped. Readers wait only for the renames (milliseconds).
 * A lock the swap cannot take within swapLockTimeoutMs is given up (so readers do not queue behind it
 * for long) and tried again.
 */
export async function rebuildOnline(sql: SqlPool, pipeline: CommandPipeline<any, any, any>, opts: OnlineRebuildOptions = {}): Promise<OnlineRebuildReport> {
  if (!canRebuildOnline(pipeline)) throw new Error(`The ${pipeline.spec.streamType} projections cannot be rebuilt online (each needs a streamColumn, none an upsert rebuild)`);
  const projections = pipeline.spec.projections as AnyProjection[];
  const tables = [...new Set(projections.map((p) => p.table))];
  for (const t of tables) {
    await sql.query(`DROP TABLE IF EXISTS ${shadowOf(t)}`); // left by a rebuild that stopped half-way
    await sql.query(`CREATE TABLE ${shadowOf(t)} (LIKE ${t} INCLUDING ALL)`);
  }
  const snapshot = async (q: Sql) => (await q.query<{ s: string }>(`SELECT pg_current_snapshot()::text AS s`))[0].s;
  let seen = await snapshot(sql);
  const streams = await rebuildProjections(sql, pipeline, { into: shadowOf, batchSize: opts.batchSize ?? 10_000, onProgress: opts.onProgress });

  /** The streams of this type with events committed after `since` and visible in `now`. */
  const written = (q: Sql, since: string, now: string) => q.query<{ id: string }>(
    `SELECT DISTINCT stream_id AS id FROM events
      WHERE transaction_id >= pg_snapshot_xmin($1::pg_snapshot) AND stream_type = $3
        AND NOT pg_visible_in_snapshot(transaction_id, $1::pg_snapshot) AND pg_visible_in_snapshot(transaction_id, $2::pg_snapshot)`,
    [since, now, pipeline.spec.streamType],
  ).then((rows) => rows.map((r) => r.id));
  /** Folds the streams again and replaces their rows in the shadow tables. */
  const reproject = async (q: Sql, ids: string[]) => {
    if (!ids.length) return;
    for (const p of projections) await q.query(`DELETE FROM ${shadowOf(p.table)} WHERE ${p.streamColumn}::text = ANY($1::text[])`, [ids]);
    for (const id of ids) {
      pipeline.forget(id);
      const view = pipeline.fold(id, (await pipeline.store.readStream(id)).map((e) => pipeline.toEvent(e)));
      for (const [p, rows] of await pipeline.rowsOf(view)) if (rows.length) await insertRows(q, p, rows, shadowOf(p.table));
    }
  };

  let tailStreams = 0;
  for (let round = 0; round < 10; round++) {
    const now = await snapshot(sql);
    const ids = await written(sql, seen, now);
    await reproject(sql, ids);
    tailStreams += ids.length;
    seen = now;
    if (ids.length < 50) break;
  }
  for (const t of tables) await sql.query(`ANALYZE ${shadowOf(t)}`);

  const lockTimeout = opts.swapLockTimeoutMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      const started = Date.now();
      await sql.transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '${Math.max(1, Math.round(lockTimeout))}ms'`);
        await tx.query(`LOCK TABLE ${tables.join(', ')} IN EXCLUSIVE MODE`);
        // Every transaction that wrote these tables has committed: the last of the tail is visible now.
        const ids = await written(tx, seen, await snapshot(tx));
        await reproject(tx, ids);
        tailStreams += ids.length;
        for (const t of tables) await swap(tx, t);
        await opts.inSwap?.(tx);
      });
      pipeline.forget();
      return { streams, tailStreams, swapMs: Date.now() - started };
    } catch (e) {
      if ((e as { code?: string }).code !== '55P03' || attempt >= 20) throw e; // lock_not_available
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** The shadow table takes the live one's place and the names of its indexes and constraints. */
async function swap(tx: Sql, table: string): Promise<void> {
  const indexes = (t: string) => tx.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass`, [t]);
  // An index is the same one when its definition is, but for its own name and its table's.
  const shape = (def: string, name: string, t: string) => def.replace(` INDEX ${name} ON `, ' INDEX ? ON ').replace(new RegExp(`\\b${t}\\b`, 'g'), '?');
  const live = await indexes(table);
  const shadow = await indexes(shadowOf(table));
  const checks = (t: string) => tx.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`, [t]);
  const liveChecks = await checks(table);
  const shadowChecks = await checks(shadowOf(table));
  await tx.query(`ALTER TABLE ${table} RENAME TO ${retiredOf(table)}`);
  await tx.query(`ALTER TABLE ${shadowOf(table)} RENAME TO ${table}`);
  await tx.query(`DROP TABLE ${retiredOf(table)}`);
  const unused = new Set(shadow.map((s) => s.name));
  for (const l of live) {
    const match = shadow.find((s) => unused.has(s.name) && shape(s.def, s.name, shadowOf(table)) === shape(l.def, l.name, table));
    if (!match) throw new Error(`The rebuilt ${table} has no index like ${l.name} (${l.def})`);
    unused.delete(match.name);
    if (match.name !== l.name) await tx.query(`ALTER INDEX ${match.name} RENAME TO ${l.name}`);
  }
  for (const c of liveChecks) {
    const match = shadowChecks.find((s) => s.def === c.def);
    if (match && match.name !== c.name) await tx.query(`ALTER TABLE ${table} RENAME CONSTRAINT ${match.name} TO ${c.name}`);
  }
}
