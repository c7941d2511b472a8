import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AccessTrail } from '@app/audit';
import type { AccessScope } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { TRAIL_ACTIONS } from './trail-routes.js';
import { INT4_MAX } from '../common/bounds.js';
import { IsInstant } from '../common/local-date.js';

export class AccessTrailRequest {
  @ApiPropertyOptional({ description: 'Người dùng / user id' })
  @IsOptional() @IsString() @MaxLength(200)
  userId?: string;

  @ApiPropertyOptional({ enum: TRAIL_ACTIONS, description: 'Hành động / action' })
  @IsOptional() @IsIn(TRAIL_ACTIONS as unknown as string[])
  action?: string;

  @ApiPropertyOptional({ description: "Đối tượng / target: a decision id, or 'log'" })
  @IsOptional() @IsString() @MaxLength(200)
  target?: string;

  @ApiPropertyOptional({ description: 'Từ thời điểm (ISO 8601, bao gồm) / from this instant (inclusive)', format: 'date-time' })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Đến thời điểm (ISO 8601, không bao gồm) / until this instant (exclusive)', format: 'date-time' })
  @IsOptional() @IsInstant()
  to?: string;

  @ApiPropertyOptional({ default: 50, description: 'Số dòng mỗi trang / page size (1–500)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, description: 'Bỏ qua / rows to skip' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset: number = 0;
}

/** The auditors' own trail (access_trail, written by AccessTrailInterceptor), for the admins of the province. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class AccessTrailController {
  constructor(private readonly trail: AccessTrail) {}

  @Get('access-trail')
  @RequirePermission('trail:read')
  @ApiOperation({
    summary: 'Nhật ký truy cập của thanh tra / the auditors\' own trail: who read history, compared, verified, exported what, when',
    description: 'Mới nhất trước; chỉ những người dùng thuộc cơ quan của tỉnh mình. Lọc theo userId, action, target, from, to. / '
      + 'Newest first; only users of bodies of the admin\'s own province. Filters: userId, action, target, from, to.',
  })
  @ApiOkResponse({ description: '`{ items: [{ id, at, userId, role, bodyId, action, target, detail, ip }], total, limit, offset }`' })
  async list(@Query() q: AccessTrailRequest, @Scope() scope: AccessScope) {
    const { userId, action, target, from, to, limit, offset } = q;
    return this.trail.list({ userId, action, target, from, to, limit, offset }, scope.provinceId);
  }
}
