import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Raw, type DataSource } from 'typeorm';
import type { AccessScope } from '@app/identity';
import { Scope } from '../access/permission.decorator.js';
import type { PowerView } from './powers.controller.js';
import { listWorkflows } from '@app/delegation';
import { IsLocalDate } from '../common/local-date.js';
import { BodyEntity, type BodyLevel, type BodyStatus } from '@app/organisation';
import { PowerEntity } from '@app/organisation';
import { SECTORS } from '@app/organisation';

/** TypeORM 1 refuses `undefined` in a where clause: absent filters are left out. */
const definedOnly = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

class PageRequest {
  @ApiPropertyOptional({ default: 100, description: 'Số dòng mỗi trang / page size (1–500)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset: number = 0;
}

export class BodiesRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['province', 'district', 'commune'] })
  @IsOptional() @IsIn(['province', 'district', 'commune'])
  level?: BodyLevel;

  @ApiPropertyOptional({ description: 'Tỉnh / province id, e.g. tv' })
  @IsOptional() @IsString() @MaxLength(50)
  provinceId?: string;

  @ApiPropertyOptional({ description: 'Cơ quan cấp trên / parent body id' })
  @IsOptional() @IsString() @MaxLength(100)
  parentId?: string;

  @ApiPropertyOptional({ description: 'Bản đồ tổ chức tại ngày (YYYY-MM-DD); bỏ trống: hiện tại / the map as it was on this date; absent: now', example: '2025-06-30' })
  @IsOptional() @IsLocalDate()
  at?: string;

  @ApiPropertyOptional({ enum: ['active', 'merged', 'abolished'], description: 'Tình trạng / status (without at: the current one)' })
  @IsOptional() @IsIn(['active', 'merged', 'abolished'])
  status?: BodyStatus;

  @ApiPropertyOptional({ description: 'Với at: liệt kê cả cơ quan đã sáp nhập, giải thể trước ngày đó / with at: also list bodies that had ended by then' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeEnded?: boolean;
}

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

export class PowersRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'Lĩnh vực / sector code' })
  @IsOptional() @IsString() @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional({ description: 'Chỉ những quyền được phép phân cấp, ủy quyền / delegable only' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  delegable?: boolean;

  @ApiPropertyOptional({ description: 'Danh mục tại ngày (YYYY-MM-DD), theo lịch sử phiên bản; bỏ trống: hiện tại / the catalogue as it was on this date, from the versions; absent: now', example: '2025-06-30' })
  @IsOptional() @IsLocalDate()
  at?: string;

  @ApiPropertyOptional({ description: 'Liệt kê cả nhiệm vụ, quyền hạn đã loại khỏi danh mục / also list retired powers', default: false })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeRetired?: boolean;
}

/** One power as it was on a date, from its versions (`power_versions`). */
export type PowerAsOfView = PowerView & { validFrom: string; validTo: string | null };

@ApiTags('reference')
@ApiBearerAuth()
@Controller('api/v1')
export class OrganisationController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('bodies')
  @ApiOperation({ summary: 'Cơ quan / state bodies, now or as of `?at=` (from their history)' })
  async bodies(@Query() q: BodiesRequest, @Scope() scope: AccessScope) {
    const { limit, offset, at, includeEnded, ...where } = q;
    // A user sees the bodies of their own province only.
    if (where.provinceId !== undefined && where.provinceId !== scope.provinceId) return { items: [], total: 0, limit, offset, ...(at ? { at } : {}) };
    where.provinceId = scope.provinceId;
    if (at !== undefined) return this.bodiesAsOf(at, includeEnded ?? false, where, limit, offset);
    const [items, total] = await this.db.getRepository(BodyEntity).findAndCount({ where: definedOnly(where), order: { id: 'ASC' }, take: limit, skip: offset });
    return { items, total, limit, offset };
  }

  /** The map as it was on `at`: each body's version in force that day (ended bodies only on request). */
  private async bodiesAsOf(at: string, includeEnded: boolean, f: { level?: string; provinceId?: string; parentId?: string; status?: string }, limit: number, offset: number) {
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

  @Get('powers')
  @ApiOperation({ summary: 'Danh mục nhiệm vụ, quyền hạn / the catalogue of powers, now or as of `?at=` (from their versions)' })
  async powers(@Query() q: PowersRequest, @Scope() scope: AccessScope) {
    const { limit, offset, at, includeRetired, ...where } = q;
    if (at !== undefined) return this.powersAsOf(at, includeRetired ?? false, where, scope.provinceId, limit, offset);
    // The catalogue of the user's province: powers whose holder by law is one of its bodies.
    const own = this.db.getRepository(BodyEntity).createQueryBuilder('b').select('b.id').where('b.provinceId = :p', { p: scope.provinceId });
    const [items, total] = await this.db.getRepository(PowerEntity).findAndCount({
      where: {
        ...definedOnly(where), ...(includeRetired ? {} : { retired: false }),
        legalHolderBodyId: Raw((column) => `${column} IN (${own.getQuery()})`, { p: scope.provinceId }),
      },
      order: { id: 'ASC' }, take: limit, skip: offset,
    });
    return { items, total, limit, offset };
  }

  /** The catalogue as it was on `at`: each power's version in force that day (retired ones only on request). */
  private async powersAsOf(at: string, includeRetired: boolean, f: { sector?: string; delegable?: boolean }, provinceId: string, limit: number, offset: number) {
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

  @Get('sectors')
  @ApiOperation({ summary: 'Lĩnh vực / sectors' })
  sectors() {
    return Object.entries(SECTORS).map(([id, label]) => ({ id, label }));
  }

  @Get('workflows')
  @ApiOperation({ summary: 'Quy trình / workflow definitions: stages, who may run each command, time limits' })
  workflows() {
    return listWorkflows();
  }
}
