import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface HoldingView {
  powerId: string;
  holderBodyId: string;
  source: 'delegation' | 'law';
  kind?: string;
  decisionId?: string;
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
      `SELECT decision_id, power_id, holder_body_id, delegator_body_id, kind,
              to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
         FROM power_holdings
        WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)
          AND ($2::text IS NULL OR power_id = $2) AND ($3::text IS NULL OR holder_body_id = $3)
          AND delegator_body_id IN (SELECT id FROM bodies WHERE province_id = $4)
        ORDER BY power_id, valid_from, decision_id`,
      [at, q.powerId ?? null, q.bodyId ?? null, provinceId],
    );
    const items: HoldingView[] = rows.map((r) => ({
      powerId: r.power_id!, holderBodyId: r.holder_body_id!, source: 'delegation', kind: r.kind!, decisionId: r.decision_id!,
      delegatorBodyId: r.delegator_body_id!, validFrom: r.valid_from!, validTo: r.valid_to,
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
