import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { STAGES } from '@app/delegation';
import { INT4_MAX } from '../common/bounds.js';
import { IsInstant } from '../common/local-date.js';

export class ListDecisionsRequest {
  @ApiPropertyOptional({ enum: STAGES, description: 'Bước hiện tại / current stage' })
  @IsOptional() @IsIn(STAGES as unknown as string[])
  stage?: string;

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

  @ApiPropertyOptional({ description: 'Lĩnh vực / sector code' })
  @IsOptional() @IsString() @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional({ description: 'Chứa nhiệm vụ, quyền hạn / contains this power id' })
  @IsOptional() @IsString() @MaxLength(100)
  powerId?: string;

  @ApiPropertyOptional({ description: 'Số dòng mỗi trang / page size (1–100)', default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Bỏ qua / rows to skip', default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset: number = 0;
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
