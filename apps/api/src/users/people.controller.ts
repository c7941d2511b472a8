import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PROVINCE_ROLES, UserAccounts, type AccessScope } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { QueryList } from '../common/query-params.js';
import { INT4_MAX } from '../common/bounds.js';

export class PeopleRequest {
  @ApiPropertyOptional({
    description: 'Vai trò (một hoặc nhiều, phân cách bằng dấu phẩy); chuyên viên thẩm định được phân công: reviewer,reviewer-lead / '
      + 'role, one or more (comma-separated or repeated); the people assign-reviewer accepts: reviewer,reviewer-lead',
    type: [String], enum: PROVINCE_ROLES,
  })
  @IsOptional() @QueryList() @IsArray() @ArrayMaxSize(PROVINCE_ROLES.length) @IsIn(PROVINCE_ROLES as unknown as string[], { each: true })
  role?: string[];

  @ApiPropertyOptional({ description: 'Cơ quan / body id' })
  @IsOptional() @IsString() @MaxLength(100)
  bodyId?: string;

  @ApiPropertyOptional({ description: 'Tìm theo họ tên hoặc tên đăng nhập (có hoặc không dấu) / search the name or user name (with or without diacritics)', example: 'binh' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 20, description: 'Số dòng mỗi trang / page size (1–100)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset: number = 0;
}

/** The active people of the caller's province by name, for pickers (e.g. the reviewer to assign). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1')
export class PeopleController {
  constructor(private readonly accounts: UserAccounts) {}

  @Get('people')
  @RequirePermission('decisions:read')
  @ApiOperation({ summary: 'Cán bộ của tỉnh theo tên / the active people of your province by name, for a picker' })
  @ApiOkResponse({ description: '`{ items: [{ id, displayName, role, bodyId }], total, limit, offset }`, in name order' })
  async list(@Query() q: PeopleRequest, @Scope() scope: AccessScope) {
    const { items, total } = await this.accounts.people({ roles: q.role, bodyId: q.bodyId, q: q.q, limit: q.limit, offset: q.offset }, scope.provinceId);
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
