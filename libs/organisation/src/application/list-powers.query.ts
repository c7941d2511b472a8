import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { Raw, type DataSource } from 'typeorm';
import { BodyEntity } from '../projections/body.entity.js';
import { PowerEntity } from '../projections/power.entity.js';
import type { PowerView } from './get-power.query.js';

/** One power as it was on a date, from its versions (`power_versions`). */
export type PowerAsOfView = PowerView & { validFrom: string; validTo: string | null };

export interface PowersFilter {
  sector?: string;
  delegable?: boolean;
  /** YYYY-MM-DD: the catalogue as it was that day (from power_versions); absent: the current `powers` rows. */
  at?: string;
  includeRetired?: boolean;
  limit: number;
  offset: number;
}

export type PowersPage =
  | { items: PowerEntity[]; total: number; limit: number; offset: number }
  | { at: string; items: PowerAsOfView[]; total: number; limit: number; offset: number };

/** TypeORM 1 refuses `undefined` in a where clause: absent filters are left out. */
const definedOnly = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The catalogue of one province (powers whose holder by law is one of its bodies), now or as of a date. */
export class ListPowersQuery extends Query<PowersPage> {
  constructor(
    readonly filter: PowersFilter,
    readonly provinceId: string,
  ) {
    super();
  }
}

@QueryHandler(ListPowersQuery)
export class ListPowersHandler implements IQueryHandler<ListPowersQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter, provinceId }: ListPowersQuery): Promise<PowersPage> {
    const { limit, offset, at, includeRetired, ...where } = filter;
    if (at !== undefined) return this.asOf(at, includeRetired ?? false, where, provinceId, limit, offset);
    const own = this.db.getRepository(BodyEntity).createQueryBuilder('b').select('b.id').where('b.provinceId = :p', { p: provinceId });
    const [items, total] = await this.db.getRepository(PowerEntity).findAndCount({
      where: {
        ...definedOnly(where), ...(includeRetired ? {} : { retired: false }),
        legalHolderBodyId: Raw((column) => `${column} IN (${own.getQuery()})`, { p: provinceId }),
      },
      order: { id: 'ASC' }, take: limit, skip: offset,
    });
    return { items, total, limit, offset };
  }

  /** The catalogue as it was on `at`: each power's version in force that day (retired ones only on request). */
  private async asOf(at: string, includeRetired: boolean, f: { sector?: string; delegable?: boolean }, provinceId: string, limit: number, offset: number) {
    const where = `v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND ($2 OR NOT v.retired)
      AND ($3::text IS NULL OR v.sector = $3) AND ($4::boolean IS NULL OR v.delegable = $4)
      AND v.legal_holder_body_id IN (SELECT id FROM bodies WHERE province_id = $5)`;
    const params = [at, includeRetired, f.sector ?? null, f.delegable ?? null, provinceId];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM power_versions v WHERE ${where}`, params);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT v.*, to_char(v.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(v.valid_to, 'YYYY-MM-DD') AS valid_to
         FROM power_versions v WHERE ${where} ORDER BY v.power_id LIMIT $6 OFFSET $7`,
      [...params, limit, offset],
    );
    const items: PowerAsOfView[] = rows.map((r) => ({
      id: r.power_id as string, code: r.code as string, titleVi: r.title_vi as string, titleEn: r.title_en as string, sector: r.sector as string,
      legalHolderBodyId: r.legal_holder_body_id as string, legalSource: r.legal_source as string, delegable: r.delegable as boolean,
      procedureCodes: r.procedure_codes as string[], retired: r.retired as boolean, version: r.version as number,
      validFrom: r.valid_from as string, validTo: (r.valid_to as string | null) ?? null,
    }));
    return { at, items, total, limit, offset };
  }
}
