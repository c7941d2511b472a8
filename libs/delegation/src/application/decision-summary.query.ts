import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/kernel';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';
import { listWorkflows } from '../workflows/registry.js';
import { mergedStageOrder } from '../workflows/stage-order.js';
import type { AccessScope } from './decision-scope.js';
import { LIST_FROM, listWhere, Params, type DecisionFilter } from './decision-list.sql.js';

/** Finished stage deadlines: how many by their due day (met), how many after it (late), and the share met. */
export interface OnTime {
  met: number;
  late: number;
  /** met / (met + late), 0–1; null when no stage has finished. */
  rate: number | null;
}

/** A quarterly report obligation due in the current quarter. */
export interface ReportDue {
  decisionId: string;
  decisionTitle: string;
  caseNumber: string | null;
  deadlineId: string;
  kind: string;
  title: { vi: string; en: string };
  dueOn: string;
  status: string;
}

/** The figures of a dashboard, counted in SQL over every decision the filters match (no page limit). */
export interface DecisionSummary {
  total: number;
  open: number;
  overdue: number;
  /** Every stage of every workflow, in workflow order, zeros included. */
  byStage: Array<{ stage: string; count: number }>;
  byKind: Array<{ kind: string; count: number }>;
  bySector: Array<{ sector: string; count: number }>;
  /** Open findings by rule. */
  findingsByRule: Array<{ ruleId: string; count: number }>;
  onTime: OnTime & {
    byStage: Array<{ stage: string } & OnTime>;
    /** By responsible body and the month the stage closed (YYYY-MM). */
    byBodyMonth: Array<{ bodyId: string; month: string } & OnTime>;
  };
  quarter: { year: number; quarter: number; from: string; to: string };
  reportsDue: ReportDue[];
}

const rate = (met: number, late: number): number | null => (met + late ? met / (met + late) : null);

export function quarterOf(day: string): { year: number; quarter: number; from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  const first = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { year, quarter, from: `${year}-${mm(first)}-01`, to: `${year}-${mm(first + 2)}-${last}` };
}

/** The dashboard's counts of the decisions in the caller's scope that match a list's filters. */
export class DecisionSummaryQuery extends Query<DecisionSummary> {
  constructor(
    readonly filter: DecisionFilter,
    readonly scope: AccessScope,
  ) {
    super();
  }
}

type Row = Record<string, string | number | null>;

@QueryHandler(DecisionSummaryQuery)
export class DecisionSummaryHandler implements IQueryHandler<DecisionSummaryQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, scope }: DecisionSummaryQuery): Promise<DecisionSummary> {
    const today = vietnamDate(this.clock.now().toISOString());
    const q = quarterOf(today);
    const ps = new Params();
    const where = listWhere(filter, scope, today, ps);
    const t = ps.p(today);
    const rs = new Params();
    const reportsWhere = listWhere(filter, scope, today, rs);
    const from = rs.p(q.from);
    const to = rs.p(q.to);
    // One statement: the matching decisions once (a CTE), then each count over them.
    const [rows, reports] = (await Promise.all([this.db.query(
      `WITH m AS MATERIALIZED (
         SELECT d.id, d.stage, d.kind, d.sector, d.title, d.case_number, (dl.status = 'open' AND dl.due_on < ${t}::date) AS overdue
           FROM ${LIST_FROM} WHERE ${where})
       SELECT 'stage' AS g, stage AS k, NULL AS k2, count(*)::int AS n, NULL::int AS late FROM m GROUP BY stage
       UNION ALL SELECT 'kind', kind, NULL, count(*)::int, NULL FROM m GROUP BY kind
       UNION ALL SELECT 'sector', sector, NULL, count(*)::int, NULL FROM m GROUP BY sector
       UNION ALL SELECT 'overdue', NULL, NULL, count(*)::int, NULL FROM m WHERE overdue
       UNION ALL SELECT 'finding', f.rule_id, NULL, count(*)::int, NULL FROM findings f JOIN m ON m.id = f.decision_id WHERE f.open GROUP BY f.rule_id
       UNION ALL SELECT 'ontime', x.subject, NULL, count(*) FILTER (WHERE x.status = 'met')::int, count(*) FILTER (WHERE x.status = 'late')::int
         FROM deadlines x JOIN m ON m.id = x.decision_id WHERE x.kind = 'stage' AND x.status IN ('met', 'late') GROUP BY x.subject
       UNION ALL SELECT 'ontime-body', x.responsible_body_id, to_char(x.closed_on, 'YYYY-MM'),
           count(*) FILTER (WHERE x.status = 'met')::int, count(*) FILTER (WHERE x.status = 'late')::int
         FROM deadlines x JOIN m ON m.id = x.decision_id
         WHERE x.kind = 'stage' AND x.status IN ('met', 'late') AND x.closed_on IS NOT NULL AND x.responsible_body_id IS NOT NULL
         GROUP BY x.responsible_body_id, to_char(x.closed_on, 'YYYY-MM')`,
      ps.values,
    ), this.db.query(
      `SELECT m.id AS decision_id, m.title, m.case_number, x.id, x.kind, x.title_vi, x.title_en, to_char(x.due_on, 'YYYY-MM-DD') AS due_on, x.status
         FROM deadlines x JOIN (SELECT d.id, d.title, d.case_number FROM ${LIST_FROM} WHERE ${reportsWhere}) m ON m.id = x.decision_id
        WHERE x.kind = 'report' AND x.due_on BETWEEN ${from}::date AND ${to}::date AND x.status <> 'cancelled'
        ORDER BY x.due_on, x.id LIMIT 200`,
      rs.values,
    )])) as [Row[], Row[]];
    const of = (g: string) => rows.filter((r) => r.g === g);
    const count = (r: Row) => Number(r.n);
    const stageCounts = new Map(of('stage').map((r) => [String(r.k), count(r)]));
    const order = mergedStageOrder(listWorkflows());
    const byStage = [...order, ...[...stageCounts.keys()].filter((s) => !order.includes(s))].map((stage) => ({ stage, count: stageCounts.get(stage) ?? 0 }));
    const total = byStage.reduce((a, s) => a + s.count, 0);
    const terminal = new Set(listWorkflows().flatMap((w) => Object.entries(w.stages).filter(([, s]) => s?.terminal).map(([id]) => id)));
    const onTimeRows = of('ontime');
    const met = onTimeRows.reduce((a, r) => a + count(r), 0);
    const late = onTimeRows.reduce((a, r) => a + Number(r.late), 0);
    const byDesc = <T extends { count: number }>(xs: T[], key: (x: T) => string) => xs.sort((a, b) => b.count - a.count || key(a).localeCompare(key(b)));
    return {
      total,
      open: byStage.filter((s) => !terminal.has(s.stage)).reduce((a, s) => a + s.count, 0),
      overdue: of('overdue').reduce((a, r) => a + count(r), 0),
      byStage,
      byKind: byDesc(of('kind').map((r) => ({ kind: String(r.k), count: count(r) })), (x) => x.kind),
      bySector: byDesc(of('sector').map((r) => ({ sector: String(r.k), count: count(r) })), (x) => x.sector),
      findingsByRule: byDesc(of('finding').map((r) => ({ ruleId: String(r.k), count: count(r) })), (x) => x.ruleId),
      onTime: {
        met, late, rate: rate(met, late),
        byStage: order.flatMap((stage) => {
          const r = onTimeRows.find((x) => x.k === stage);
          return r ? [{ stage, met: count(r), late: Number(r.late), rate: rate(count(r), Number(r.late)) }] : [];
        }),
        byBodyMonth: of('ontime-body')
          .map((r) => ({ bodyId: String(r.k), month: String(r.k2), met: count(r), late: Number(r.late), rate: rate(count(r), Number(r.late)) }))
          .sort((a, b) => a.month.localeCompare(b.month) || a.bodyId.localeCompare(b.bodyId)),
      },
      quarter: q,
      reportsDue: reports.map((r) => ({
        decisionId: String(r.decision_id), decisionTitle: String(r.title), caseNumber: (r.case_number as string | null) ?? null,
        deadlineId: String(r.id), kind: String(r.kind), title: { vi: String(r.title_vi), en: String(r.title_en) }, dueOn: String(r.due_on), status: String(r.status),
      })),
    };
  }
}
