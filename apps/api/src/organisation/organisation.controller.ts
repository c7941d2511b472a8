import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AccessScope } from '@app/identity';
import { Scope } from '../access/permission.decorator.js';
import { listWorkflows } from '@app/delegation';
import { IsLocalDate } from '../common/local-date.js';
import { ListBodiesQuery, ListPowersQuery, type BodyAsOfView, type BodyLevel, type BodyStatus, type PowerAsOfView } from '@app/organisation';
import { SECTORS } from '@app/organisation';
import { INT4_MAX } from '../common/bounds.js';

class PageRequest {
  @ApiPropertyOptional({ default: 100, description: 'Số dòng mỗi trang / page size (1–500)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
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

  @ApiPropertyOptional({ description: 'Bản đồ tổ chức tại ngày (YYYY-MM-DD); bỏ trống: hiện tại / the map as it was on this date; absent: now', example: '2025-06-30', format: 'date' })
  @IsOptional() @IsLocalDate()
  at?: string;

  @ApiPropertyOptional({ enum: ['active', 'merged', 'abolished'], description: 'Tình trạng / status (without at: the current one)' })
  @IsOptional() @IsIn(['active', 'merged', 'abolished'])
  status?: BodyStatus;

  @ApiPropertyOptional({ description: 'Với at: liệt kê cả cơ quan đã sáp nhập, giải thể trước ngày đó / with at: also list bodies that had ended by then' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeEnded?: boolean;
}

export type { BodyAsOfView };

export class PowersRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'Lĩnh vực / sector code' })
  @IsOptional() @IsString() @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional({ description: 'Chỉ những quyền được phép phân cấp, ủy quyền / delegable only' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  delegable?: boolean;

  @ApiPropertyOptional({ description: 'Danh mục tại ngày (YYYY-MM-DD), theo lịch sử phiên bản; bỏ trống: hiện tại / the catalogue as it was on this date, from the versions; absent: now', example: '2025-06-30', format: 'date' })
  @IsOptional() @IsLocalDate()
  at?: string;

  @ApiPropertyOptional({ description: 'Liệt kê cả nhiệm vụ, quyền hạn đã loại khỏi danh mục / also list retired powers', default: false })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeRetired?: boolean;
}

export type { PowerAsOfView };

@ApiTags('reference')
@ApiBearerAuth()
@Controller('api/v1')
export class OrganisationController {
  constructor(private readonly queries: QueryBus) {}

  @Get('bodies')
  @ApiOperation({ summary: 'Cơ quan / state bodies, now or as of `?at=` (from their history)' })
  bodies(@Query() q: BodiesRequest, @Scope() scope: AccessScope) {
    const { level, provinceId, parentId, status, at, includeEnded, limit, offset } = q;
    return this.queries.execute(new ListBodiesQuery({ level, provinceId, parentId, status, at, includeEnded, limit, offset }, scope.provinceId));
  }

  @Get('powers')
  @ApiOperation({ summary: 'Danh mục nhiệm vụ, quyền hạn / the catalogue of powers, now or as of `?at=` (from their versions)' })
  powers(@Query() q: PowersRequest, @Scope() scope: AccessScope) {
    const { sector, delegable, at, includeRetired, limit, offset } = q;
    return this.queries.execute(new ListPowersQuery({ sector, delegable, at, includeRetired, limit, offset }, scope.provinceId));
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
