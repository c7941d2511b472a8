import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DECISION_SORTS, STAGES, type DecisionSort } from '@app/delegation';
import { QueryBoolean, QueryList } from '../common/query-params.js';
import { INT4_MAX } from '../common/bounds.js';
import { IsInstant } from '../common/local-date.js';

/** The filters and sort of a decision list (the list itself, its export, and "my work"). */
export class DecisionFilterRequest {
  @ApiPropertyOptional({ description: 'Bước hiện tại (một hoặc nhiều, phân cách bằng dấu phẩy) / current stage, one or more (comma-separated or repeated)', type: [String], enum: STAGES })
  @IsOptional() @QueryList() @IsArray() @ArrayMaxSize(STAGES.length) @IsIn(STAGES as unknown as string[], { each: true })
  stage?: string[];

  @ApiPropertyOptional({ description: 'true: chưa kết thúc (không bị từ chối, rút, thu hồi, hết hiệu lực); false: đã kết thúc / true: not in a terminal stage; false: only those' })
  @IsOptional() @QueryBoolean() @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ enum: ['phan-cap', 'uy-quyen'], description: 'Loại / kind' })
  @IsOptional() @IsIn(['phan-cap', 'uy-quyen'])
  kind?: string;

  @ApiPropertyOptional({ description: 'Cơ quan nhận / delegate body id' })
  @IsOptional() @IsString() @MaxLength(100)
  delegateBodyId?: string;

  @ApiPropertyOptional({ description: 'Cơ quan giao / delegator body id' })
  @IsOptional() @IsString() @MaxLength(100)
  delegatorBodyId?: string;

  @ApiPropertyOptional({ description: 'Cơ quan đề xuất / proposing body id' })
  @IsOptional() @IsString() @MaxLength(100)
  proposerBodyId?: string;

  @ApiPropertyOptional({ description: 'Cơ quan giao, nhận hoặc đề xuất / delegator, delegate or proposing body id' })
  @IsOptional() @IsString() @MaxLength(100)
  bodyId?: string;

  @ApiPropertyOptional({ description: 'Lĩnh vực / sector code' })
  @IsOptional() @IsString() @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional({ description: 'Chứa nhiệm vụ, quyền hạn / contains this power id' })
  @IsOptional() @IsString() @MaxLength(100)
  powerId?: string;

  @ApiPropertyOptional({ description: 'Chuyên viên thẩm định được phân công (user id) / the assigned reviewer (user id)' })
  @IsOptional() @IsString() @MaxLength(100)
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'Chỉ hồ sơ đang chờ tôi (vai trò của tôi ở cơ quan của tôi, hoặc được giao cho tôi) / only what waits on me (my role in my body, or assigned to me)' })
  @IsOptional() @QueryBoolean() @IsBoolean()
  waitsOnMe?: boolean;

  @ApiPropertyOptional({ description: 'Chỉ hồ sơ quá hạn (true) hoặc chưa quá hạn (false) / only those past their current deadline (true), or not (false)' })
  @IsOptional() @QueryBoolean() @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Tìm theo trích yếu, số hồ sơ, số văn bản (có hoặc không dấu) / search the title, case number, document numbers (with or without diacritics)', example: 'uy quyen dat dai' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: DECISION_SORTS, default: '-updatedAt', description: 'Sắp xếp (dấu - : giảm dần) / sort (leading -: descending): updatedAt, createdAt, deadline, caseNumber, title' })
  @IsOptional() @IsIn(DECISION_SORTS as unknown as string[])
  sort: DecisionSort = '-updatedAt';
}

export class ListDecisionsRequest extends DecisionFilterRequest {
  @ApiPropertyOptional({ description: 'Số dòng mỗi trang / page size (1–500)', default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Bỏ qua / rows to skip (ignored with a cursor)', default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset: number = 0;

  @ApiPropertyOptional({ description: 'Trang tiếp theo: nextCursor của trang trước (cùng bộ lọc và cách sắp xếp) / the next page: the previous page\'s nextCursor (same filters and sort)' })
  @IsOptional() @IsString() @MaxLength(1000)
  cursor?: string;
}

export class GetDecisionRequest {
  @ApiPropertyOptional({ description: 'Trạng thái tại thời điểm (ISO 8601) / state as of this instant', example: '2026-11-24T08:00:00+07:00', format: 'date-time' })
  @IsOptional() @IsInstant()
  at?: string;

  @ApiPropertyOptional({ description: 'Trạng thái tại phiên bản / state as of this stream version (≥ 1)', type: 'integer', minimum: 1, maximum: INT4_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX)
  version?: number;
}

/** `from`/`fromAt` and `to`/`toAt` of a comparison (their combination is checked by compareEnds). */
export class CompareVersionsRequest {
  @ApiPropertyOptional({ description: 'Phiên bản gốc (≥ 1) / the version to compare from; or give `fromAt`', type: 'integer', minimum: 1, maximum: INT4_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX)
  from?: number;

  @ApiPropertyOptional({ description: 'Phiên bản so sánh (≥ 1), mặc định hiện tại / the version to compare to (default: the head); or give `toAt`', type: 'integer', minimum: 1, maximum: INT4_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX)
  to?: number;

  @ApiPropertyOptional({ description: 'Thời điểm gốc (ISO 8601) / compare from the state as of this instant', example: '2026-03-06T00:00:00+07:00', format: 'date-time' })
  @IsOptional() @IsInstant()
  fromAt?: string;

  @ApiPropertyOptional({ description: 'Thời điểm so sánh (ISO 8601) / compare to the state as of this instant', example: '2026-03-11T00:00:00+07:00', format: 'date-time' })
  @IsOptional() @IsInstant()
  toAt?: string;
}
