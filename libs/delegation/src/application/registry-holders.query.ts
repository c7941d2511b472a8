import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface HoldingView {
  powerId: string;
  holderBodyId: string;
  source: 'delegation' | 'law';
  kind?: string;
  decisionId?: string;
  /** The number of the document that issued the delegation (e.g. 05/2026/NQ-HĐND), and the case number. */
  documentNumber?: string | null;
  caseNumber?: string | null;
  delegatorBodyId?: string;
  validFrom?: string;
  validTo?: string | null;
}

/**
 * Who holds a power (or which powers a body holds) on a date, within one province: the holdings by
 * delegation in force that day (power_holdings), else, for a power, the body the law assigns it to.
 * Answers `undefined` when `powerId` names no power of the province (the caller answers 404).
 */
export class RegistryHoldersQuery extends Query<HoldingView[] | undefined> {
  constructor(
    readonly filter: { powerId?: string; bodyId?: string },
    /** YYYY-MM-DD. */
    readonly at: string,
    readonly provinceId: string,
  ) {
    super();
  }
}

@QueryHandler(RegistryHoldersQuery)
export class RegistryHoldersHandler implements IQueryHandler<RegistryHoldersQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter: q, at, provinceId }: RegistryHoldersQuery): Promise<HoldingView[] | undefined> {
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT h.decision_id, h.power_id, h.holder_body_id, h.delegator_body_id, h.kind,
              to_char(h.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(h.valid_to, 'YYYY-MM-DD') AS valid_to,
              d.document_number, d.case_number
         FROM power_holdings h LEFT JOIN decision_list d ON d.id = h.decision_id
        WHERE h.valid_from <= $1 AND (h.valid_to IS NULL OR h.valid_to > $1)
          AND ($2::text IS NULL OR h.power_id = $2) AND ($3::text IS NULL OR h.holder_body_id = $3)
          AND h.delegator_body_id IN (SELECT id FROM bodies WHERE province_id = $4)
        ORDER BY h.power_id, h.valid_from, h.decision_id`,
      [at, q.powerId ?? null, q.bodyId ?? null, provinceId],
    );
    const items: HoldingView[] = rows.map((r) => ({
      powerId: r.power_id!, holderBodyId: r.holder_body_id!, source: 'delegation', kind: r.kind!, decisionId: r.decision_id!,
      documentNumber: r.document_number ?? null, caseNumber: r.case_number ?? null, delegatorBodyId: r.delegator_body_id!, validFrom: r.valid_from!, validTo: r.valid_to,
    }));
    if (q.powerId && !items.length) {
      // A power of another province does not exist for this user.
      const power: Array<{ legal_holder_body_id: string }> = await this.db.query(
        `SELECT p.legal_holder_body_id FROM powers p JOIN bodies b ON b.id = p.legal_holder_body_id WHERE p.id = $1 AND b.province_id = $2`,
        [q.powerId, provinceId],
      );
      if (!power.length) return undefined;
      // Nobody holds it by delegation on that date: the body the law assigns it to holds it.
      if (!q.bodyId || q.bodyId === power[0].legal_holder_body_id) {
        items.push({ powerId: q.powerId, holderBodyId: power[0].legal_holder_body_id, source: 'law' });
      }
    }
    return items;
  }
}
