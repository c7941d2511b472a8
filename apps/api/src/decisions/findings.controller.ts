import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AccessScope } from '@app/identity';
import { ListDecisionFindingsQuery, ListFindingsQuery } from '@app/delegation';
import { groupFindingsByRule } from '@app/accountability';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { IsLocalDate } from '../common/local-date.js';
import { problems } from '@app/kernel';
import { INT4_MAX } from '../common/bounds.js';

const OPEN_ON = 'Phát hiện còn mở vào ngày này (giờ Việt Nam): nêu vào hoặc trước ngày đó và chưa được giải quyết trước ngày đó / '
  + 'findings open on this day (Vietnam time): raised on or before it and not resolved before it';

export class DecisionFindingsRequest {
  @ApiPropertyOptional({ description: OPEN_ON, example: '2026-03-10', format: 'date' })
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

  @ApiPropertyOptional({ description: OPEN_ON, example: '2026-03-10', format: 'date' })
  @IsOptional() @IsLocalDate()
  openOn?: string;

  @ApiPropertyOptional({ default: 50, description: 'Số dòng mỗi trang / page size (1–200)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset: number = 0;
}

/** What the accountability checks found: per decision, and across all decisions with filters. */
@ApiTags('findings')
@ApiBearerAuth()
@Controller('api/v1')
export class FindingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('decisions/:id/findings')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiOperation({
    summary: 'Phát hiện của một hồ sơ / the findings of one decision, open first',
    description: '`items`: mỗi phát hiện, kèm hồ sơ liên quan (`related`: mã, số hồ sơ, số văn bản) / each finding with the other decision it names; '
      + '`groups`: theo quy tắc, kèm tên, căn cứ pháp lý và cách khắc phục / by rule, with its title, legal source and what resolves it.',
  })
  async ofDecision(@Param('id') id: string, @Query() q: DecisionFindingsRequest) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const found = await this.queries.execute(new ListDecisionFindingsQuery(id, q.openOn));
    if (!found) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    return { items: found.items, groups: groupFindingsByRule(found.items) };
  }

  @Get('findings')
  @RequirePermission('decisions:read')
  @ApiOperation({ summary: 'Phát hiện / findings across the decisions in your scope: ?open=true&ruleId=&bodyId=&openOn=YYYY-MM-DD' })
  async list(@Query() q: FindingsRequest, @Scope() scope: AccessScope) {
    const { open, ruleId, bodyId, openOn, limit, offset } = q;
    return this.queries.execute(new ListFindingsQuery({ open, ruleId, bodyId, openOn, limit, offset }, scope));
  }
}
