// Test-only: the check context as CheckContextLoader loaded it before the checks asked indexed questions
// (every active delegation of the province, every body of the province, every power, every legal
// document). Kept verbatim as the reference the faster loader is compared with
// (test/check-context-equivalence.e2e-spec.ts): both must make every rule find exactly the same.
import type { DataSource } from 'typeorm';
import { vietnamDate, type DecisionState } from '@app/delegation';
import type { BodyInfo, CheckContext, CheckSettings, DelegationSummary, LegalDocumentInfo, PowerInfo } from '../domain/types.js';

const DATE = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;

export class ReferenceCheckContextLoader {
  constructor(
    private readonly db: DataSource,
    private readonly now: () => Date,
    private readonly checkSettings: CheckSettings,
  ) {}

  async load(decision: DecisionState): Promise<CheckContext> {
    const now = this.now().toISOString();
    const today = vietnamDate(now);
    const provinceRow: Array<{ province_id: string }> = await this.db.query(`SELECT province_id FROM bodies WHERE id = $1`, [decision.content.delegatorBodyId]);
    const province = provinceRow[0]?.province_id ?? null;
    const [others, bodies, powers, legalDocuments, record] = await Promise.all([
      this.others(decision.id, province),
      this.bodies(province, [decision.content.delegatorBodyId, decision.content.delegateBodyId]),
      this.powers(),
      this.legalDocuments(),
      this.delegateRecord(decision.content.delegateBodyId, today),
    ]);
    return { now, today, decision, others, bodies, powers, legalDocuments, delegateRecord: record, settings: this.checkSettings };
  }

  private async others(id: string, province: string | null): Promise<DelegationSummary[]> {
    const rows: Array<Record<string, string | string[] | null>> = await this.db.query(
      `SELECT d.id, d.kind, d.stage, d.delegator_body_id, d.delegate_body_id, d.power_ids,
              coalesce(${DATE('h.valid_from')}, ${DATE('d.period_from')}) AS valid_from,
              CASE WHEN h.decision_id IS NOT NULL THEN ${DATE('h.valid_to')} ELSE ${DATE('d.period_to + 1')} END AS valid_to
         FROM decision_list d
         JOIN bodies b ON b.id = d.delegator_body_id
         LEFT JOIN LATERAL (SELECT decision_id, min(valid_from) AS valid_from,
                              CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END AS valid_to
                              FROM power_holdings WHERE decision_id = d.id GROUP BY decision_id) h ON true
        WHERE d.id <> $1 AND ($2::text IS NULL OR b.province_id = $2)
          AND d.stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired')`,
      [id, province],
    );
    return rows.map((r) => ({
      id: r.id as string, kind: r.kind as DelegationSummary['kind'], stage: r.stage as string,
      delegatorBodyId: r.delegator_body_id as string, delegateBodyId: r.delegate_body_id as string,
      powerIds: r.power_ids as string[], validFrom: r.valid_from as string | null, validTo: r.valid_to as string | null,
    }));
  }

  private async bodies(province: string | null, extra: string[]): Promise<Record<string, BodyInfo>> {
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT id, name_vi, level, type, parent_id, province_id, status, ${DATE('ended_on')} AS ended_on, successor_id
         FROM bodies WHERE ($1::text IS NULL OR province_id = $1) OR id = ANY($2)`,
      [province, extra],
    );
    return Object.fromEntries(rows.map((r) => [r.id, {
      id: r.id!, nameVi: r.name_vi!, level: r.level as BodyInfo['level'], type: r.type as BodyInfo['type'],
      parentId: r.parent_id, provinceId: r.province_id!, status: r.status as BodyInfo['status'],
      ...(r.ended_on ? { endedOn: r.ended_on } : {}), ...(r.successor_id ? { successorId: r.successor_id } : {}),
    }]));
  }

  private async powers(): Promise<Record<string, PowerInfo>> {
    const rows: Array<Record<string, string | boolean>> = await this.db.query(
      `SELECT id, title_vi, sector, legal_holder_body_id, delegable, legal_source FROM powers`,
    );
    return Object.fromEntries(rows.map((r) => [r.id, {
      id: r.id as string, titleVi: r.title_vi as string, sector: r.sector as string,
      legalHolderBodyId: r.legal_holder_body_id as string, delegable: r.delegable as boolean, legalSource: r.legal_source as string,
    }]));
  }

  private async legalDocuments(): Promise<LegalDocumentInfo[]> {
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT number, title, ${DATE('in_force_from')} AS f, ${DATE('in_force_until')} AS u FROM legal_documents`,
    );
    return rows.map((r) => ({ number: r.number!, title: r.title!, inForceFrom: r.f!, inForceUntil: r.u }));
  }

  /** The delegate's stages and reports over the last 12 months, from the deadline table. */
  private async delegateRecord(bodyId: string, today: string): Promise<CheckContext['delegateRecord']> {
    const rows: Array<{ kind: string; finished: string; late: string; due: string }> = await this.db.query(
      `SELECT kind,
              count(*) FILTER (WHERE status IN ('met','late')) AS finished,
              count(*) FILTER (WHERE status = 'late' OR (status = 'open' AND due_on < $2)) AS late,
              count(*) FILTER (WHERE due_on < $2 OR status IN ('met','late')) AS due
         FROM deadlines
        WHERE responsible_body_id = $1 AND kind IN ('stage','report') AND due_on >= ($2::date - 365) AND status <> 'cancelled'
        GROUP BY kind`,
      [bodyId, today],
    );
    const of = (k: string) => rows.find((r) => r.kind === k) ?? { finished: '0', late: '0', due: '0' };
    return {
      stagesFinished: Number(of('stage').finished), stagesLate: Number(of('stage').late),
      reportsDue: Number(of('report').due), reportsLate: Number(of('report').late),
    };
  }
}
