import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { decisionScopeParams, decisionScopeSql, type AccessScope } from '../access/access.policy.js';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { problems } from '../common/problem.js';

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
  async ofDecision(@Param('id') id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const exists = await this.db.query(`SELECT 1 FROM decision_list WHERE id = $1`, [id]);
    if (!exists.length) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const items = await this.db.query(`SELECT ${COLUMNS} FROM findings WHERE decision_id = $1 ORDER BY open DESC, raised_at, finding_id`, [id]);
    return { items };
  }

  @Get('findings')
  @RequirePermission('decisions:read')
  @ApiOperation({ summary: 'Phát hiện / findings across the decisions in your scope: ?open=true&ruleId=&bodyId=' })
  async list(@Query() q: FindingsRequest, @Scope() scope: AccessScope) {
    const where = `($1::boolean IS NULL OR open = $1) AND ($2::text IS NULL OR rule_id = $2)
      AND ($3::text IS NULL OR delegator_body_id = $3 OR delegate_body_id = $3)
      AND decision_id IN (SELECT d.id FROM decision_list d WHERE ${decisionScopeSql('d', '$4', '$5')})`;
    const args = [q.open ?? null, q.ruleId ?? null, q.bodyId ?? null, ...decisionScopeParams(scope)];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM findings WHERE ${where} ORDER BY raised_at DESC, decision_id, finding_id LIMIT $6 OFFSET $7`, [...args, q.limit, q.offset]),
      this.db.query(`SELECT count(*)::int AS total FROM findings WHERE ${where}`, args),
    ]);
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
