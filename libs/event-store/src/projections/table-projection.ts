import type { Sql } from '../sql.js';

/** One row of a read table, keyed by column name (values as JSON: dates as `YYYY-MM-DD`, instants ISO). */
export type Row = Record<string, unknown>;

/**
 * A read model as a function of one stream: the rows the stream has in `table`, computed from its
 * folded view (state, events) and reference data loaded before any transaction (`Ctx`).
 * The runner keeps the table equal to `rows(view)` for every stream: inline, it writes only the rows
 * that the new events change; a rebuild inserts every stream's rows in bulk.
 */
export interface TableProjection<V, Ctx = void> {
  /** Also the key under which its version is recorded (table `projections`). */
  name: string;
  /** Bumped whenever `rows` changes what it computes, so the table is rebuilt once from the log. */
  version: number;
  table: string;
  /** Primary key columns. */
  key: readonly string[];
  /** Every column written, key included (other columns of the table are left alone). */
  columns: readonly string[];
  /** Whether an event of this type can change the rows; the others are skipped without computing. */
  canHandle: (eventType: string) => boolean;
  /** The column that holds the stream's own id, when one does (to compare one stream's rows). */
  streamColumn?: string;
  /**
   * How a rebuild empties the table: `truncate` (the default), or `upsert` for a table that other
   * tables reference by foreign key: every row is then upserted in one statement (so that rows
   * referencing each other, like a body and its parent, are checked together), others left alone.
   */
  rebuild?: 'truncate' | 'upsert';
  rows: (view: V, ctx: Ctx) => Row[];
}

const keyOf = (p: TableProjection<unknown, unknown>, r: Row) => JSON.stringify(p.key.map((k) => r[k] ?? null));
const same = (p: TableProjection<unknown, unknown>, a: Row, b: Row) =>
  p.columns.every((c) => JSON.stringify(a[c] ?? null) === JSON.stringify(b[c] ?? null));

/** The rows to upsert and the keys to delete to go from `before` to `after`. */
export function diffRows<V, Ctx>(p: TableProjection<V, Ctx>, before: Row[], after: Row[]): { upsert: Row[]; remove: Row[] } {
  const prior = new Map(before.map((r) => [keyOf(p as TableProjection<unknown, unknown>, r), r]));
  const upsert: Row[] = [];
  for (const r of after) {
    const k = keyOf(p as TableProjection<unknown, unknown>, r);
    const was = prior.get(k);
    prior.delete(k);
    if (!was || !same(p as TableProjection<unknown, unknown>, was, r)) upsert.push(r);
  }
  return { upsert, remove: [...prior.values()] };
}

/**
 * `INSERT … SELECT FROM json_populate_recordset(NULL::table, $1)`: many rows in one statement, each
 * column typed by the table itself. On a key conflict only the projected columns are updated.
 */
export function upsertSql<V, Ctx>(p: TableProjection<V, Ctx>, table = p.table): string {
  const cols = p.columns.join(', ');
  const nonKey = p.columns.filter((c) => !p.key.includes(c));
  const update = nonKey.length ? `DO UPDATE SET ${nonKey.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'DO NOTHING';
  return `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${p.table}, $1::json)
    ON CONFLICT (${p.key.join(', ')}) ${update}`;
}

/** Rows to write into one projection's table with an append (see EventStore.append's `writes`). */
export interface RowWrite {
  kind: 'upsert' | 'delete';
  projection: TableProjection<any, any>;
  rows: Row[];
}

/** The writes that take a table from `before` to `after`: at most one delete and one upsert. */
export function rowWrites<V, Ctx>(p: TableProjection<V, Ctx>, before: Row[], after: Row[]): RowWrite[] {
  const { upsert, remove } = diffRows(p, before, after);
  return [
    ...(remove.length ? [{ kind: 'delete' as const, projection: p, rows: remove }] : []),
    ...(upsert.length ? [{ kind: 'upsert' as const, projection: p, rows: upsert }] : []),
  ];
}

/**
 * A write as a data-modifying CTE of the append statement: it runs only when `guard` holds (the events
 * were appended), so the events and their read models commit together, in one round trip.
 */
export function writeCte(w: RowWrite, param: string, guard: string): string {
  const p = w.projection;
  if (w.kind === 'delete') {
    const key = p.key.join(', ');
    return `DELETE FROM ${p.table} WHERE (${key}) IN (SELECT ${key} FROM json_populate_recordset(NULL::${p.table}, ${param}::json)) AND ${guard}`;
  }
  const cols = p.columns.join(', ');
  const nonKey = p.columns.filter((c) => !p.key.includes(c));
  const update = nonKey.length ? `DO UPDATE SET ${nonKey.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'DO NOTHING';
  return `INSERT INTO ${p.table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${p.table}, ${param}::json) WHERE ${guard}
    ON CONFLICT (${p.key.join(', ')}) ${update}`;
}

/** Bulk insert for a rebuild, in chunks that keep each statement's parameter small. */
export async function insertRows<V, Ctx>(tx: Sql, p: TableProjection<V, Ctx>, rows: Row[], table = p.table, chunk = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await tx.query(upsertSql(p, table), [JSON.stringify(rows.slice(i, i + chunk))]);
  }
}
