import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PowerStore } from './power-store.js';

/** A power as it is now (the `powers` row), with the day its current version took effect. */
export interface PowerView {
  id: string;
  code: string;
  titleVi: string;
  titleEn: string;
  sector: string;
  legalHolderBodyId: string;
  legalSource: string;
  delegable: boolean;
  procedureCodes: string[];
  version: number;
  retired: boolean;
  validFrom: string | null;
}

/** One version of a power over [validFrom, validTo), with the event that made it. */
export interface PowerVersionView extends Omit<PowerView, 'id'> {
  validTo: string | null;
  event: { type: string; reason?: string; effectiveFrom: string; actorId: string; actorRole?: string; recordedAt: string } | null;
}

type Row = Record<string, unknown>;
const viewOf = (r: Row) => ({
  code: r.code as string, titleVi: r.title_vi as string, titleEn: r.title_en as string, sector: r.sector as string,
  legalHolderBodyId: r.legal_holder_body_id as string, legalSource: r.legal_source as string, delegable: r.delegable as boolean,
  procedureCodes: r.procedure_codes as string[], version: r.version as number, retired: r.retired as boolean, validFrom: (r.valid_from as string | null) ?? null,
});

/** One power now, if it is a power of the province (held by law by one of its bodies); else `undefined`. */
export class GetPowerQuery extends Query<PowerView | undefined> {
  constructor(
    readonly powerId: string,
    readonly provinceId: string,
  ) {
    super();
  }
}

@QueryHandler(GetPowerQuery)
export class GetPowerHandler implements IQueryHandler<GetPowerQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ powerId, provinceId }: GetPowerQuery): Promise<PowerView | undefined> {
    const [row]: Row[] = await this.db.query(
      `SELECT p.*, to_char(v.valid_from, 'YYYY-MM-DD') AS valid_from
         FROM powers p JOIN bodies b ON b.id = p.legal_holder_body_id
         LEFT JOIN power_versions v ON v.power_id = p.id AND v.version = p.version
        WHERE p.id = $1 AND b.province_id = $2`,
      [powerId, provinceId],
    );
    return row ? { id: powerId, ...viewOf(row) } : undefined;
  }
}

/**
 * The versions of a power, oldest first, each with the event of its stream that made it. The caller
 * checks first that the power is one of its province's (OrganisationScope.powerInProvince).
 */
export class ListPowerVersionsQuery extends Query<PowerVersionView[]> {
  constructor(readonly powerId: string) {
    super();
  }
}

@QueryHandler(ListPowerVersionsQuery)
export class ListPowerVersionsHandler implements IQueryHandler<ListPowerVersionsQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: PowerStore,
  ) {}

  async execute({ powerId }: ListPowerVersionsQuery): Promise<PowerVersionView[]> {
    const rows: Row[] = await this.db.query(
      `SELECT v.*, to_char(v.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(v.valid_to, 'YYYY-MM-DD') AS valid_to
         FROM power_versions v WHERE v.power_id = $1 ORDER BY v.version`,
      [powerId],
    );
    const events = new Map((await this.store.history(powerId)).map((e) => [e.streamVersion, e]));
    return rows.map((r): PowerVersionView => {
      const e = events.get(r.version as number);
      const data = (e?.data ?? {}) as { reason?: string; effectiveFrom?: string };
      return {
        ...viewOf(r), validTo: (r.valid_to as string | null) ?? null,
        event: e ? {
          type: e.type, ...(data.reason !== undefined && { reason: data.reason }), effectiveFrom: data.effectiveFrom ?? '',
          actorId: e.metadata.actorId, actorRole: e.metadata.actorRole, recordedAt: e.recordedAt,
        } : null,
      };
    });
  }
}
