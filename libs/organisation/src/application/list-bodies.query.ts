import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BodyLevel, BodyStatus } from '../domain/types.js';
import { BodyEntity } from '../projections/body.entity.js';

/** One body as it was on a date, from its history (`body_versions`). */
export interface BodyAsOfView {
  id: string;
  nameVi: string;
  nameEn: string;
  level: BodyLevel;
  type: string;
  parentId: string | null;
  provinceId: string;
  territory: string | null;
  status: BodyStatus;
  successorId: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface BodiesFilter {
  level?: BodyLevel;
  provinceId?: string;
  parentId?: string;
  status?: BodyStatus;
  /** YYYY-MM-DD: the map as it was that day (from body_versions); absent: the current `bodies` rows. */
  at?: string;
  /** With `at`: also the bodies that had ended by then. */
  includeEnded?: boolean;
  limit: number;
  offset: number;
}

export type BodiesPage =
  | { items: BodyEntity[]; total: number; limit: number; offset: number }
  | { at: string; items: BodyAsOfView[]; total: number; limit: number; offset: number };

/** TypeORM 1 refuses `undefined` in a where clause: absent filters are left out. */
const definedOnly = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The bodies of one province (the caller's: another province's are never listed), now or as of a date. */
export class ListBodiesQuery extends Query<BodiesPage> {
  constructor(
    readonly filter: BodiesFilter,
    readonly provinceId: string,
  ) {
    super();
  }
}

@QueryHandler(ListBodiesQuery)
export class ListBodiesHandler implements IQueryHandler<ListBodiesQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter, provinceId }: ListBodiesQuery): Promise<BodiesPage> {
    const { limit, offset, at, includeEnded, ...where } = filter;
    // A user sees the bodies of their own province only.
    if (where.provinceId !== undefined && where.provinceId !== provinceId) return { items: [], total: 0, limit, offset, ...(at ? { at } : {}) };
    where.provinceId = provinceId;
    if (at !== undefined) return this.asOf(at, includeEnded ?? false, where, limit, offset);
    const [items, total] = await this.db.getRepository(BodyEntity).findAndCount({ where: definedOnly(where), order: { id: 'ASC' }, take: limit, skip: offset });
    return { items, total, limit, offset };
  }

  /** The map as it was on `at`: each body's version in force that day (ended bodies only on request). */
  private async asOf(at: string, includeEnded: boolean, f: { level?: string; provinceId?: string; parentId?: string; status?: string }, limit: number, offset: number) {
    const where = `valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) AND ($2 OR status = 'active')
      AND ($3::text IS NULL OR level = $3) AND ($4::text IS NULL OR province_id = $4) AND ($5::text IS NULL OR parent_id = $5)
      AND ($6::text IS NULL OR status = $6)`;
    const params = [at, includeEnded, f.level ?? null, f.provinceId ?? null, f.parentId ?? null, f.status ?? null];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM body_versions WHERE ${where}`, params);
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT body_id, name_vi, name_en, level, type, parent_id, province_id, territory, status, successor_id,
              to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
         FROM body_versions WHERE ${where} ORDER BY body_id LIMIT $7 OFFSET $8`,
      [...params, limit, offset],
    );
    const items: BodyAsOfView[] = rows.map((r) => ({
      id: r.body_id!, nameVi: r.name_vi!, nameEn: r.name_en!, level: r.level as BodyLevel, type: r.type!, parentId: r.parent_id,
      provinceId: r.province_id!, territory: r.territory, status: r.status as BodyStatus, successorId: r.successor_id,
      validFrom: r.valid_from!, validTo: r.valid_to,
    }));
    return { at, items, total, limit, offset };
  }
}
