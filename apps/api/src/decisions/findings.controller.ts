import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { decisionScopeParams, decisionScopeSql, type AccessScope } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { IsLocalDate } from '../common/local-date.js';
import { problems } from '@app/kernel';

const OPEN_ON = 'Phát hiện còn mở vào ngày này (giờ Việt Nam): nêu vào hoặc trước ngày đó và chưa được giải quyết trước ngày đó / '
  + 'findings open on this day (Vietnam time): raised on or before it and not resolved before it';

/**
 * `openOn` as SQL on the findings row (`$n` a YYYY-MM-DD date): raised before the next day began in Vietnam and not
 * resolved before the day began, i.e. open at some moment of that day (a finding resolved during the day counts).
 */
const openOnSql = (n: number) => `($${n}::date IS NULL OR (raised_at < (($${n}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
  AND (resolved_at IS NULL OR resolved_at >= ($${n}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))))`;

export class DecisionFindingsRequest {
  @ApiPropertyOptional({ description: OPEN_ON, example: '2026-03-10' })
  @IsOptional() @IsLocalDate()
  openOn?: string;
}

export class FindingsRequest {
  @ApiPropertyOptional({ description: 'Chỉ những phát hiện còn mở / open findings only (true) or resolved only (false)' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ description: 'Quy tắc / rule id' })
  @IsOptional() @IsString() @MaxLength(100)
  ruleId?: string;

  @ApiPropertyOptional({ description: 'Cơ quan giao hoặc nhận / delegator or delegate body id' })
  @IsOptional() @IsString() @MaxLength(100)
  bodyId?: string;

  @ApiPropertyOptional({ description: OPEN_ON, example: '2026-03-10' })
  @IsOptional() @IsLocalDate()
  openOn?: string;

  @ApiPropertyOptional({ default: 50, description: 'Số dòng mỗi trang / page size (1–200)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset: number = 0;
}

const COLUMNS = `decision_id AS "decisionId", finding_id AS "findingId", rule_id AS "ruleId", rule_version AS "ruleVersion",
  key, severity, json_build_object('vi', message_vi, 'en', message_en) AS message, details, open,
  raised_at AS "raisedAt", resolved_at AS "resolvedAt",
  CASE WHEN resolution_vi IS NULL THEN NULL ELSE json_build_object('vi', resolution_vi, 'en', resolution_en) END AS resolution,
  delegator_body_id AS "delegatorBodyId", delegate_body_id AS "delegateBodyId"`;

/** What the accountability checks found: per decision, and across all decisions with filters. */
@ApiTags('findings')
@ApiBearerAuth()
@Controller('api/v1')
export class FindingsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('decisions/:id/findings')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiOperation({ summary: 'Phát hiện của một hồ sơ / the findings of one decision, open first' })
  async ofDecision(@Param('id') id: string, @Query() q: DecisionFindingsRequest) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const exists = await this.db.query(`SELECT 1 FROM decision_list WHERE id = $1`, [id]);
    if (!exists.length) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const items = await this.db.query(`SELECT ${COLUMNS} FROM findings WHERE decision_id = $1 AND ${openOnSql(2)}
      ORDER BY open DESC, raised_at, finding_id`, [id, q.openOn ?? null]);
    return { items };
  }

  @Get('findings')
  @RequirePermission('decisions:read')
  @ApiOperation({ summary: 'Phát hiện / findings across the decisions in your scope: ?open=true&ruleId=&bodyId=&openOn=YYYY-MM-DD' })
  async list(@Query() q: FindingsRequest, @Scope() scope: AccessScope) {
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
