import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../common/local-date.js';

const TEXT = 5000;
const LINE = 500;

export class ResourcesDto {
  @ApiProperty({ description: 'Kinh phí chuyển giao (VND, số nguyên ≥ 0) / budget transferred, VND', example: 1500000000 })
  @IsInt() @Min(0) @Max(1e15)
  budgetVnd: number;

  @ApiProperty({ description: 'Biên chế chuyển giao / staff positions transferred', example: 3 })
  @IsInt() @Min(0) @Max(100000)
  staffPositions: number;

  @ApiProperty({ description: 'Cơ sở vật chất / facilities transferred', type: [String], example: ['Trụ sở làm việc 200 m²'] })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(LINE, { each: true })
  facilities: string[];

  @ApiPropertyOptional({ description: 'Lý do không cần nguồn lực / why no resources are needed' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT)
  noResourcesReason?: string;
}

export class PeriodDto {
  @ApiProperty({ description: 'Từ ngày / first day (YYYY-MM-DD)', example: '2026-01-01', format: 'date' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ description: 'Đến ngày (tính cả ngày này) / last day, inclusive (YYYY-MM-DD)', example: '2027-12-31', format: 'date' })
  @IsLocalDate()
  to: string;
}

export class DocumentRefDto {
  @ApiProperty({ description: 'Tên văn bản / document title', example: 'Tờ trình số 12/TTr-STNMT' })
  @IsString() @IsNotEmpty() @MaxLength(LINE)
  title: string;

  @ApiProperty({ description: 'Số hiệu hoặc đường dẫn lưu trữ / reference (number or archive link)', example: '12/TTr-STNMT' })
  @IsString() @IsNotEmpty() @MaxLength(LINE)
  reference: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the document content (64 hex characters)' })
  @IsOptional() @Matches(/^[0-9a-f]{64}$/i, { message: 'contentHash must be 64 hexadecimal characters (SHA-256)' })
  contentHash?: string;
}

/** What a proposal says: which powers move from whom to whom, on what basis, with what resources. */
export class ProposalContentDto {
  @ApiProperty({ description: 'Trích yếu / title', example: 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất cho tổ chức' })
  @IsString() @IsNotEmpty() @MaxLength(LINE)
  title: string;

  @ApiProperty({ description: 'Cơ quan phân cấp / ủy quyền (id from GET /api/v1/bodies)', example: 'tv-ubnd' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  delegatorBodyId: string;

  @ApiProperty({ description: 'Cơ quan nhận phân cấp / ủy quyền (id from GET /api/v1/bodies)', example: 'tv-so-tnmt' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  delegateBodyId: string;

  @ApiProperty({ description: 'Nhiệm vụ, quyền hạn (ids from GET /api/v1/powers)', type: [String], example: ['TV-DD-02'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(100, { each: true })
  powerIds: string[];

  @ApiProperty({ description: 'Lĩnh vực / sector code', example: 'dat-dai' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  sector: string;

  @ApiProperty({ description: 'Căn cứ pháp lý / legal basis', type: [String], example: ['Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 14'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(LINE, { each: true })
  legalBasis: string[];

  @ApiProperty({ description: 'Nguồn lực / resources transferred', type: ResourcesDto })
  @IsObject() @ValidateNested() @Type(() => ResourcesDto)
  resources: ResourcesDto;

  @ApiPropertyOptional({ description: 'Thời hạn (bắt buộc với ủy quyền) / period, required for ủy quyền', type: PeriodDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PeriodDto)
  period?: PeriodDto;

  @ApiProperty({ description: 'Điều kiện / conditions', type: [String], example: ['Báo cáo kết quả hằng quý'] })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(TEXT, { each: true })
  conditions: string[];

  @ApiProperty({ description: 'Sự cần thiết / justification' })
  @IsString() @IsNotEmpty() @MaxLength(TEXT)
  justification: string;

  @ApiProperty({ description: 'Tài liệu kèm theo / attached document references', type: [DocumentRefDto] })
  @IsArray() @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DocumentRefDto)
  documents: DocumentRefDto[];
}

/** A partial change of the content: only the fields present change. */
export class ContentChangesDto extends PartialType(ProposalContentDto) {}
