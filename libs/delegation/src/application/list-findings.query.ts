import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Text } from '@app/kernel';
import { decisionScopeParams, decisionScopeSql, type AccessScope } from './decision-scope.js';
import type { Page } from './list-decisions.query.js';

/** One row of the findings read model (what the accountability checks raised on a decision's stream). */
export interface FindingView {
  decisionId: string;
  findingId: string;
  ruleId: string;
  ruleVersion: number;
  key: string;
  severity: string;
  message: Text;
  details: unknown;
  open: boolean;
  raisedAt: Date;
  resolvedAt: Date | null;
  resolution: Text | null;
  delegatorBodyId: string;
  delegateBodyId: string;
  /** The other decision a finding is about (details.otherId), to link to: its case number, title and document number. */
  related?: RelatedDecision | null;
}

export interface RelatedDecision {
  decisionId: string;
  caseNumber: string | null;
  title: string;
  documentNumber: string | null;
  stage: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const otherOf = (f: FindingView): string | undefined => {
  const id = (f.details as { otherId?: unknown } | null)?.otherId;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : undefined;
};

const COLUMNS = `decision_id AS "decisionId", finding_id AS "findingId", rule_id AS "ruleId", rule_version AS "ruleVersion",
  key, severity, json_build_object('vi', message_vi, 'en', message_en) AS message, details, open,
  raised_at AS "raisedAt", resolved_at AS "resolvedAt",
  CASE WHEN resolution_vi IS NULL THEN NULL ELSE json_build_object('vi', resolution_vi, 'en', resolution_en) END AS resolution,
  delegator_body_id AS "delegatorBodyId", delegate_body_id AS "delegateBodyId"`;

/**
 * `openOn` as SQL on the findings row (`$n` a YYYY-MM-DD date): raised before the next day began in Vietnam and not
 * resolved before the day began, i.e. open at some moment of that day (a finding resolved during the day counts).
 */
const openOnSql = (n: number) => `($${n}::date IS NULL OR (raised_at < (($${n}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
  AND (resolved_at IS NULL OR resolved_at >= ($${n}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))))`;

/**
 * One decision's findings, open first (`openOn`: those open on that day). Answers `undefined` when the
 * decision is not in the read model (the caller answers 404); its scope is checked by the access guard.
 */
export class ListDecisionFindingsQuery extends Query<{ items: FindingView[] } | undefined> {
  constructor(
    readonly decisionId: string,
    readonly openOn?: string,
  ) {
    super();
  }
}

@QueryHandler(ListDecisionFindingsQuery)
export class ListDecisionFindingsHandler implements IQueryHandler<ListDecisionFindingsQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ decisionId, openOn }: ListDecisionFindingsQuery): Promise<{ items: FindingView[] } | undefined> {
    const exists = await this.db.query(`SELECT 1 FROM decision_list WHERE id = $1`, [decisionId]);
    if (!exists.length) return undefined;
    const items: FindingView[] = await this.db.query(`SELECT ${COLUMNS} FROM findings WHERE decision_id = $1 AND ${openOnSql(2)}
      ORDER BY open DESC, raised_at, finding_id`, [decisionId, openOn ?? null]);
    const others = [...new Set(items.map(otherOf).filter((x): x is string => !!x))];
    const rows: Array<{ id: string; case_number: string | null; title: string; document_number: string | null; stage: string }> = others.length
      ? await this.db.query(`SELECT id, case_number, title, document_number, stage FROM decision_list WHERE id = ANY($1::uuid[])`, [others])
      : [];
    const byId = new Map(rows.map((r) => [String(r.id).toLowerCase(), r]));
    for (const f of items) {
      const r = byId.get(otherOf(f) ?? '');
      f.related = r ? { decisionId: r.id, caseNumber: r.case_number, title: r.title, documentNumber: r.document_number, stage: r.stage } : null;
    }
    return { items };
  }
}

export interface FindingsFilter {
  open?: boolean;
  ruleId?: string;
  /** The delegator or the delegate body. */
  bodyId?: string;
  openOn?: string;
  limit: number;
  offset: number;
}

/** Findings across the decisions in the caller's scope, newest first, filtered and paginated. */
export class ListFindingsQuery extends Query<Page<FindingView>> {
  constructor(
    readonly filter: FindingsFilter,
    readonly scope: AccessScope,
  ) {
    super();
  }
}

@QueryHandler(ListFindingsQuery)
export class ListFindingsHandler implements IQueryHandler<ListFindingsQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter: q, scope }: ListFindingsQuery): Promise<Page<FindingView>> {
    const where = `($1::boolean IS NULL OR open = $1) AND ($2::text IS NULL OR rule_id = $2)
      AND ($3::text IS NULL OR delegator_body_id = $3 OR delegate_body_id = $3)
      AND decision_id IN (SELECT d.id FROM decision_list d WHERE ${decisionScopeSql('d', '$4', '$5')}) AND ${openOnSql(6)}`;
    const args = [q.open ?? null, q.ruleId ?? null, q.bodyId ?? null, ...decisionScopeParams(scope), q.openOn ?? null];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM findings WHERE ${where} ORDER BY raised_at DESC, decision_id, finding_id LIMIT $7 OFFSET $8`, [...args, q.limit, q.offset]),
      this.db.query(`SELECT count(*)::int AS total FROM findings WHERE ${where}`, args),
    ]);
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
