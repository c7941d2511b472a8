import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BodyInfo, CheckContext, CheckSettings, DelegationSummary, LegalDocumentInfo, PowerInfo } from '../domain/types.js';
import { vietnamDate, type DecisionState } from '@app/delegation';
import { Clock } from '@app/kernel';
import { delegateRecords, NO_RECORD } from './delegate-records.js';

const DATE = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;

/** The province of the delegator body, or NULL when the body is unknown (then every province is looked at). */
const PROVINCE_OF = (param: string) => `(SELECT province_id FROM bodies WHERE id = ${param})`;

/**
 * Loads what the accountability checks look at, for one decision, from the read models: each rule's
 * question is asked through an index, so a check reads what it is about, not the province.
 * - others: the live delegations of the province that share one of the decision's powers (GIN index on
 *   decision_list.power_ids). Every rule that looks at another delegation looks only at the powers the
 *   two share, so the others that share none could never make a rule find anything.
 * - bodies: the province's bodies the rules look up (the decision's two bodies and their successors,
 *   the legal holders of its powers, the delegates of those others), by primary key.
 * - powers: those the decision names; the delegate's record: by (body, status, due day).
 * test/check-context-equivalence.e2e-spec.ts compares the findings with the reference loader that read
 * everything (libs/accountability/src/testing/reference-check-context.loader.ts).
 */
@Injectable()
export class CheckContextLoader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  settings(): CheckSettings {
    return {
      capacityThreshold: Number(this.config.get('CAPACITY_THRESHOLD') ?? 0.3),
      expiryWarningDays: Number(this.config.get('EXPIRY_WARNING_DAYS') ?? 30),
      transitionWarningDays: Number(this.config.get('TRANSITION_WARNING_DAYS') ?? 90),
    };
  }

  async load(decision: DecisionState): Promise<CheckContext> {
    const now = this.clock.now().toISOString();
    const today = vietnamDate(now);
    const c = decision.content;
    const powerIds = [...new Set(c.powerIds)];
    const [others, powers, legalDocuments, records] = await Promise.all([
      this.others(decision.id, c.delegatorBodyId, powerIds),
      this.powers(powerIds),
      this.legalDocuments(),
      delegateRecords(this.db, [c.delegateBodyId], today),
    ]);
    const wanted = [
      c.delegatorBodyId, c.delegateBodyId,
      ...Object.values(powers).map((p) => p.legalHolderBodyId),
      ...others.map((o) => o.delegateBodyId),
    ];
    const bodies = await this.bodies(c.delegatorBodyId, [...new Set(wanted)], [c.delegatorBodyId, c.delegateBodyId]);
    const delegateRecord = records.get(c.delegateBodyId) ?? NO_RECORD;
    return { now, today, decision, others, bodies, powers, legalDocuments, delegateRecord, settings: this.settings() };
  }

  private async others(id: string, delegatorBodyId: string, powerIds: string[]): Promise<DelegationSummary[]> {
    if (!powerIds.length) return [];
    // The stage list is the partial GIN index's own predicate (migration IndexedChecks1732402130000).
    const rows: Array<Record<string, string | string[] | null>> = await this.db.query(
      `SELECT d.id, d.kind, d.stage, d.delegator_body_id, d.delegate_body_id, d.power_ids,
              coalesce(${DATE('h.valid_from')}, ${DATE('d.period_from')}) AS valid_from,
              CASE WHEN h.decision_id IS NOT NULL THEN ${DATE('h.valid_to')} ELSE ${DATE('d.period_to + 1')} END AS valid_to
         FROM decision_list d
         JOIN bodies b ON b.id = d.delegator_body_id
         LEFT JOIN LATERAL (SELECT decision_id, min(valid_from) AS valid_from,
                              CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END AS valid_to
                              FROM power_holdings WHERE decision_id = d.id GROUP BY decision_id) h ON true
        WHERE d.power_ids && $3::text[] AND d.id <> $1
          AND b.province_id = coalesce(${PROVINCE_OF('$2')}, b.province_id)
          AND d.stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired')`,
      [id, delegatorBodyId, powerIds],
    );
    return rows.map((r) => ({
      id: r.id as string, kind: r.kind as DelegationSummary['kind'], stage: r.stage as string,
      delegatorBodyId: r.delegator_body_id as string, delegateBodyId: r.delegate_body_id as string,
      powerIds: r.power_ids as string[], validFrom: r.valid_from as string | null, validTo: r.valid_to as string | null,
    }));
  }

  /**
   * The bodies asked for and the successors of the decision's own two, as the rules may see them: those
   * of the delegator's province, or the decision's own two wherever they are (any province when the
   * delegator is unknown).
   */
  private async bodies(delegatorBodyId: string, ids: string[], own: string[]): Promise<Record<string, BodyInfo>> {
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT id, name_vi, level, type, parent_id, province_id, status, ${DATE('ended_on')} AS ended_on, successor_id
         FROM bodies
        WHERE (id = ANY($2) OR id IN (SELECT successor_id FROM bodies WHERE id = ANY($3)))
          AND (province_id = coalesce(${PROVINCE_OF('$1')}, province_id) OR id = ANY($3))`,
      [delegatorBodyId, ids, own],
    );
    return Object.fromEntries(rows.map((r) => [r.id, {
      id: r.id!, nameVi: r.name_vi!, level: r.level as BodyInfo['level'], type: r.type as BodyInfo['type'],
      parentId: r.parent_id, provinceId: r.province_id!, status: r.status as BodyInfo['status'],
      ...(r.ended_on ? { endedOn: r.ended_on } : {}), ...(r.successor_id ? { successorId: r.successor_id } : {}),
    }]));
  }

  private async powers(ids: string[]): Promise<Record<string, PowerInfo>> {
    if (!ids.length) return {};
    const rows: Array<Record<string, string | boolean>> = await this.db.query(
      `SELECT id, title_vi, sector, legal_holder_body_id, delegable, legal_source FROM powers WHERE id = ANY($1)`,
      [ids],
    );
    return Object.fromEntries(rows.map((r) => [r.id, {
      id: r.id as string, titleVi: r.title_vi as string, sector: r.sector as string,
      legalHolderBodyId: r.legal_holder_body_id as string, delegable: r.delegable as boolean, legalSource: r.legal_source as string,
    }]));
  }

  /** A short reference table (the laws the checks know): whether a citation names one is decided by the rule. */
  private async legalDocuments(): Promise<LegalDocumentInfo[]> {
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT number, title, ${DATE('in_force_from')} AS f, ${DATE('in_force_until')} AS u FROM legal_documents`,
    );
    return rows.map((r) => ({ number: r.number!, title: r.title!, inForceFrom: r.f!, inForceUntil: r.u }));
  }
}
