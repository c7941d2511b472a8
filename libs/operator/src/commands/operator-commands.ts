import type { DataSource } from 'typeorm';
import {
  EventStore, insertRows, rebuildProjections, type CommandPipeline, type SqlPool, type StoredEvent, type TableProjection,
} from '@app/event-store';
import { DECISION_STREAM, foldDecision, getWorkflow, toDomainEvent, upcast, type DecisionState } from '@app/delegation';
import { ProgressBar, type ProgressStream } from './progress-bar.js';

/**
 * The auditors' operator commands (replay, stats, rebuild-projections --compare) as plain functions of a
 * DataSource, so the CLI (apps/api/src/cli.ts) and the tests run the same code. Each `run*` parses its
 * arguments, prints to `io.out` (results) and `io.err` (progress), and returns the exit code.
 */

export interface CliIo {
  out: (line: string) => void;
  err: ProgressStream;
}

export const defaultIo = (): CliIo => ({ out: (line) => console.log(line), err: process.stderr });

export const OPERATOR_HELP: Record<string, string> = {
  replay: `npm run cli -- replay <decisionId> (--at <ISO instant> | --version <n>) [--summary]

  Folds the decision's events up to the instant (occurred at or before it) or the stream version and prints
  its state as it was then: the whole state as JSON, or with --summary a short summary in Vietnamese.
  Without --at and --version: the state now. Exit 0; 1 when the decision did not exist then.`,
  'rebuild-projections': `npm run cli -- rebuild-projections [--compare [--decision <id>]... [--samples <n>]]

  Without --compare: rewrites every read model (decisions: decision_list, power_holdings, deadlines,
  findings; bodies: bodies, body_versions; powers: powers, power_versions) from the event log, each
  kind of stream in one transaction.
  With --compare: rebuilds every projection into scratch copies (temporary tables of the same names, in
  a transaction that is rolled back: the live tables are never written) and reports the rows that differ
  from the live ones, per table: counts and up to --samples (default 5) rows each way. Exit 0 when equal,
  3 when not. --decision limits the rebuild and the comparison to the decisions named. A progress bar on
  stderr.`,
  stats: `npm run cli -- stats [--json]

  The event log's statistics: events in all, per event type and per stream type, streams, the first and
  last event (business time), the head of the hash chain (when chained) and the database's size.`,
};

/** `--name value` after the command; `undefined` when absent. */
export function optionOf(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

/** Every value of a repeatable option. */
function optionsOf(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === `--${name}`) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
      out.push(v);
    }
  });
  return out;
}

const fold = (id: string, events: StoredEvent[]): DecisionState =>
  foldDecision(id, events.map((e) => ({ event: toDomainEvent(e), occurredAt: e.occurredAt, version: e.streamVersion })));

// ---------------------------------------------------------------------------------------------
// replay
// ---------------------------------------------------------------------------------------------

export class DecisionNotFoundThen extends Error {}

/** The decision as it was at a version or instant (its head without either). */
export async function replayDecision(db: DataSource, id: string, asOf: { at?: string; version?: number } = {}): Promise<DecisionState> {
  const events = await new EventStore(db, upcast).readStream(id, { toVersion: asOf.version, toInstant: asOf.at });
  const state = fold(id, events);
  const when = asOf.version !== undefined ? `version ${asOf.version}` : asOf.at !== undefined ? asOf.at : 'now';
  if (!state.exists || (asOf.version !== undefined && state.version < asOf.version)) {
    throw new DecisionNotFoundThen(`Decision ${id} did not exist at ${when} (hồ sơ không tồn tại tại thời điểm/phiên bản này).`);
  }
  return state;
}

const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;

/** A few lines in Vietnamese: what the decision was, where it stood, what it gave to whom. */
export function summaryVi(s: DecisionState): string {
  const stage = getWorkflow(s.workflow.id, s.workflow.version)?.stages[s.stage]?.label.vi ?? s.stage;
  const c = s.content;
  const open = Object.values(s.findings ?? {}).filter((f) => f.open);
  return [
    `Hồ sơ ${s.id} — ${s.kind === 'phan-cap' ? 'phân cấp' : 'ủy quyền'} (quy trình ${s.workflow.id} v${s.workflow.version})`,
    `Tên: ${c.title}`,
    `Phiên bản ${s.version}, bước: ${stage} (${s.stage})${s.stageEnteredAt ? ` từ ${s.stageEnteredAt}` : ''}; số vòng chỉnh sửa: ${s.revisionRound}`,
    `Cơ quan giao: ${c.delegatorBodyId} → cơ quan nhận: ${c.delegateBodyId}; cơ quan đề xuất: ${s.proposerBodyId}`,
    `Nhiệm vụ, quyền hạn: ${c.powerIds.join(', ')}; lĩnh vực: ${c.sector}`,
    `Nguồn lực: kinh phí ${vnd(c.resources.budgetVnd)}, biên chế ${c.resources.staffPositions}`,
    ...(c.period ? [`Thời hạn: ${c.period.from} đến ${c.period.to}`] : []),
    `Điều kiện: ${c.conditions.length ? c.conditions.join('; ') : '(không)'}`,
    ...(s.issuance ? [`Ban hành: ${s.issuance.documentNumber}, hiệu lực từ ${s.issuance.effectiveFrom}`] : []),
    ...(s.amendments.length ? [`Sửa đổi: ${s.amendments.map((a) => a.documentNumber).join(', ')}`] : []),
    ...(s.revocation ? [`Thu hồi: ${s.revocation.documentNumber}, từ ${s.revocation.effectiveFrom}`] : []),
    `Phát hiện còn mở: ${open.length ? open.map((f) => f.findingId).join(', ') : 'không có'}`,
  ].join('\n');
}

export async function runReplay(db: DataSource, args: string[], io: CliIo = defaultIo()): Promise<number> {
  const id = args[0];
  if (!id || id.startsWith('--')) throw new Error(`replay needs a decision id\n\n${OPERATOR_HELP.replay}`);
  const at = optionOf(args, 'at');
  const versionText = optionOf(args, 'version');
  if (at !== undefined && versionText !== undefined) throw new Error('replay: give --at or --version, not both');
  if (at !== undefined && Number.isNaN(Date.parse(at))) throw new Error(`replay: --at ${at} is not an ISO 8601 instant`);
  const version = versionText === undefined ? undefined : Number(versionText);
  if (version !== undefined && !(Number.isInteger(version) && version >= 1)) throw new Error(`replay: --version ${versionText} is not a version (≥ 1)`);
  try {
    const state = await replayDecision(db, id.toLowerCase(), { at: at === undefined ? undefined : new Date(at).toISOString(), version });
    io.out(args.includes('--summary') ? summaryVi(state) : JSON.stringify(state, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof DecisionNotFoundThen) {
      io.out(e.message);
      return 1;
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// stats
// ---------------------------------------------------------------------------------------------

export interface LogStats {
  events: number;
  streams: number;
  byType: Array<{ type: string; events: number }>;
  byStreamType: Array<{ streamType: string; events: number; streams: number }>;
  firstEventAt: string | null;
  lastEventAt: string | null;
  lastRecordedAt: string | null;
  chain: { chained: number; head: { logSeq: number; globalPosition: number; logHash: string } | null } | null;
  database: { bytes: number; pretty: string };
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export async function logStats(db: DataSource): Promise<LogStats> {
  const [[totals], byType, byStreamType, [chainTable], [size]] = await Promise.all([
    db.query(`SELECT count(*)::bigint AS events, count(DISTINCT stream_id)::bigint AS streams, min(occurred_at) AS first,
      max(occurred_at) AS last, max(recorded_at) AS recorded FROM events`),
    db.query(`SELECT event_type AS type, count(*)::bigint AS events FROM events GROUP BY event_type ORDER BY count(*) DESC, event_type`),
    db.query(`SELECT stream_type AS "streamType", count(*)::bigint AS events, count(DISTINCT stream_id)::bigint AS streams
      FROM events GROUP BY stream_type ORDER BY count(*) DESC, stream_type`),
    db.query(`SELECT to_regclass('event_hashes') IS NOT NULL AS present`),
    db.query(`SELECT pg_database_size(current_database())::bigint AS bytes, pg_size_pretty(pg_database_size(current_database())) AS pretty`),
  ]);
  let chain: LogStats['chain'] = null;
  if (chainTable.present) {
    const [[{ chained }], [head]] = await Promise.all([
      db.query(`SELECT count(*)::bigint AS chained FROM event_hashes`),
      db.query(`SELECT log_seq AS "logSeq", global_position AS "globalPosition", log_hash AS "logHash" FROM event_hashes ORDER BY log_seq DESC LIMIT 1`),
    ]);
    chain = { chained: Number(chained), head: head ? { logSeq: Number(head.logSeq), globalPosition: Number(head.globalPosition), logHash: head.logHash } : null };
  }
  return {
    events: Number(totals.events),
    streams: Number(totals.streams),
    byType: byType.map((r: { type: string; events: string }) => ({ type: r.type, events: Number(r.events) })),
    byStreamType: byStreamType.map((r: { streamType: string; events: string; streams: string }) => ({
      streamType: r.streamType, events: Number(r.events), streams: Number(r.streams),
    })),
    firstEventAt: iso(totals.first),
    lastEventAt: iso(totals.last),
    lastRecordedAt: iso(totals.recorded),
    chain,
    database: { bytes: Number(size.bytes), pretty: size.pretty },
  };
}

export function formatStats(s: LogStats): string {
  const pad = (n: number) => String(n).padStart(8);
  return [
    `events:   ${s.events} in ${s.streams} stream(s)`,
    `first:    ${s.firstEventAt ?? '—'}`,
    `last:     ${s.lastEventAt ?? '—'} (recorded ${s.lastRecordedAt ?? '—'})`,
    `chain:    ${s.chain === null ? 'no hash chain' : s.chain.head
      ? `${s.chain.chained} chained, head log_seq ${s.chain.head.logSeq} (global position ${s.chain.head.globalPosition}) ${s.chain.head.logHash}; ${s.events - s.chain.chained} not chained yet`
      : 'empty (nothing chained yet)'}`,
    `database: ${s.database.pretty} (${s.database.bytes} bytes)`,
    '',
    'per stream type:',
    ...s.byStreamType.map((r) => `${pad(r.events)}  ${r.streamType} (${r.streams} stream(s))`),
    '',
    'per event type:',
    ...s.byType.map((r) => `${pad(r.events)}  ${r.type}`),
  ].join('\n');
}

export async function runStats(db: DataSource, args: string[], io: CliIo = defaultIo()): Promise<number> {
  const stats = await logStats(db);
  io.out(args.includes('--json') ? JSON.stringify(stats, null, 2) : formatStats(stats));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// rebuild-projections --compare
// ---------------------------------------------------------------------------------------------

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  /** Rows in the live table that the rebuild does not produce (stale, altered or extra). */
  onlyLive: number;
  /** Rows the rebuild produces that the live table lacks (missing or altered). */
  onlyRebuilt: number;
  samples: { onlyLive: unknown[]; onlyRebuilt: unknown[] };
}

export interface ProjectionComparison {
  equal: boolean;
  decisions: number;
  tables: TableComparison[];
}

/**
 * Rebuilds every projection of the pipelines (decisions, bodies, powers) into scratch copies and
 * compares them with the live tables, row by row on the projected columns (EXCEPT ALL both ways). The
 * copies are temporary tables of the same names, created in a transaction on one connection: there
 * they shadow the live tables (pg_temp is searched first), so the same rebuild writes into them; the
 * transaction is rolled back, and the live tables are never written nor locked beyond a share lock.
 * With `decisionIds`, only those decisions' rows are rebuilt and compared.
 */
export async function compareProjections(
  sql: SqlPool,
  pipelines: ReadonlyArray<CommandPipeline<any, any, any>>,
  opts: { decisionIds?: string[]; samples?: number; progress?: ProgressStream } = {},
): Promise<ProjectionComparison> {
  const only = opts.decisionIds?.length ? opts.decisionIds.map((d) => d.toLowerCase()) : null;
  const samples = opts.samples ?? 5;
  const chosen = only ? pipelines.filter((p) => p.spec.streamType === DECISION_STREAM) : pipelines;
  return sql.transaction(async (tx) => {
    const [{ schema }] = await tx.query<{ schema: string }>(`SELECT current_schema() AS schema`);
    const live = (t: string) => `${quoteIdent(schema)}.${t}`;
    const [{ n: total }] = only
      ? [{ n: only.length }]
      : await tx.query<{ n: number }>(`SELECT count(DISTINCT stream_id)::int AS n FROM events WHERE stream_type = ANY($1)`, [chosen.map((p) => p.spec.streamType)]);
    const bar = new ProgressBar(total, 'rebuilding', opts.progress ?? process.stderr);
    bar.update(0);
    let decisions = 0;
    const tables: TableComparison[] = [];
    let done = 0;
    for (const pipeline of chosen) {
      const projections = (pipeline.spec.projections ?? []) as ReadonlyArray<TableProjection<unknown, unknown>>;
      for (const p of projections) await tx.query(`CREATE TEMP TABLE ${p.table} (LIKE ${live(p.table)} INCLUDING ALL) ON COMMIT DROP`);
      let streams: number;
      if (only) {
        for (const id of only) {
          const view = pipeline.fold(id, (await pipeline.store.readStream(id)).map((e) => pipeline.toEvent(e)));
          for (const [p, rows] of await pipeline.rowsOf(view)) await insertRows(tx, p, rows);
          bar.tick();
        }
        streams = only.length;
      } else {
        const before = done;
        streams = await rebuildProjections(tx, pipeline, { onProgress: (n) => bar.update((done = before + n)) });
      }
      if (pipeline.spec.streamType === DECISION_STREAM) decisions = streams;
      for (const p of projections) {
        const cols = p.columns.join(', ');
        const filter = only && p.streamColumn ? `WHERE ${p.streamColumn}::text = ANY($1::text[])` : 'WHERE $1::text[] IS NULL';
        const liveRows = `(SELECT ${cols} FROM ${live(p.table)} ${filter})`;
        const rebuilt = `(SELECT ${cols} FROM pg_temp.${p.table})`;
        const diff = async (a: string, b: string) => {
          const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${a} EXCEPT ALL ${b}) x`, [only]);
          const rows = await tx.query<{ row: unknown }>(`SELECT to_jsonb(x) AS row FROM (${a} EXCEPT ALL ${b}) x LIMIT $2`, [only, samples]);
          return { n, rows: rows.map((r) => r.row) };
        };
        const onlyLive = await diff(liveRows, rebuilt);
        const onlyRebuilt = await diff(rebuilt, liveRows);
        const [{ l }] = await tx.query<{ l: number }>(`SELECT count(*)::int AS l FROM ${liveRows} x`, [only]);
        const [{ r }] = await tx.query<{ r: number }>(`SELECT count(*)::int AS r FROM ${rebuilt} x`);
        tables.push({
          table: p.table, liveRows: l, rebuiltRows: r, onlyLive: onlyLive.n, onlyRebuilt: onlyRebuilt.n,
          samples: { onlyLive: onlyLive.rows, onlyRebuilt: onlyRebuilt.rows },
        });
      }
    }
    bar.finish();
    // Nothing of the comparison stays: the scratch tables go with the transaction.
    throw new Rollback({ equal: tables.every((t) => t.onlyLive === 0 && t.onlyRebuilt === 0), decisions, tables });
  }).catch((e) => {
    if (e instanceof Rollback) return e.result;
    throw e;
  });
}

class Rollback extends Error {
  constructor(readonly result: ProjectionComparison) {
    super('rollback');
  }
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function formatComparison(c: ProjectionComparison): string {
  const lines = [
    `${c.equal ? 'EQUAL' : 'DIFFERENT'}: ${c.decisions} decision(s) rebuilt from the log and compared with the live read models, ${c.tables.length} table(s) (live tables untouched).`,
  ];
  for (const t of c.tables) {
    lines.push(`  ${t.table.padEnd(15)} live ${t.liveRows}, rebuilt ${t.rebuiltRows}: ${t.onlyLive} only in live, ${t.onlyRebuilt} only in the rebuild`);
    for (const row of t.samples.onlyLive) lines.push(`    - live:    ${JSON.stringify(row)}`);
    for (const row of t.samples.onlyRebuilt) lines.push(`    + rebuilt: ${JSON.stringify(row)}`);
  }
  return lines.join('\n');
}

/** `rebuild-projections --compare`: exit 0 when equal, 3 when not. */
export async function runRebuildCompare(sql: SqlPool, pipelines: ReadonlyArray<CommandPipeline<any, any, any>>, args: string[], io: CliIo = defaultIo()): Promise<number> {
  const samplesText = optionOf(args, 'samples');
  const samples = samplesText === undefined ? 5 : Number(samplesText);
  if (!Number.isInteger(samples) || samples < 0) throw new Error(`--samples ${samplesText} is not a count`);
  const result = await compareProjections(sql, pipelines, { decisionIds: optionsOf(args, 'decision'), samples, progress: io.err });
  io.out(formatComparison(result));
  return result.equal ? 0 : 3;
}
