import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../common/local-date.js';
import { ContentChangesDto, DocumentRefDto, ProposalContentDto } from './content.dto.js';

const Reasons = (required: boolean) => (target: object, key: string) => {
  const decorators = [
    required ? ApiProperty({ description: 'Lý do / reasons', type: [String] }) : ApiPropertyOptional({ description: 'Lý do (bắt buộc khi từ chối) / reasons, required for a rejection', type: [String] }),
    IsArray(), ArrayMaxSize(50), IsString({ each: true }), IsNotEmpty({ each: true }), MaxLength(5000, { each: true }),
    ...(required ? [ArrayMinSize(1)] : [IsOptional()]),
  ];
  for (const d of decorators) d(target, key);
};
const Line = (description: string, example?: string) => (target: object, key: string) => {
  for (const d of [ApiProperty({ description, example }), IsString(), IsNotEmpty(), MaxLength(500)]) d(target, key);
};
const Note = (description: string) => (target: object, key: string) => {
  for (const d of [ApiPropertyOptional({ description }), IsOptional(), IsString(), IsNotEmpty(), MaxLength(5000)]) d(target, key);
};
const Day = (description: string, example: string) => (target: object, key: string) => {
  for (const d of [ApiProperty({ description, example, format: 'date' }), IsLocalDate()]) d(target, key);
};
/** The content changes of a command: an object, required (an empty or missing one is a 400 naming it). */
const Changes = (description: string) => (target: object, key: string) => {
  for (const d of [ApiProperty({ description, type: ContentChangesDto }), IsDefined(), IsObject(), ValidateNested(), Type(() => ContentChangesDto)]) d(target, key);
};

export class ProposeRequest extends ProposalContentDto {
  @ApiProperty({ description: 'phan-cap (phân cấp) or uy-quyen (ủy quyền)', enum: ['phan-cap', 'uy-quyen'] })
  @IsIn(['phan-cap', 'uy-quyen'])
  kind: 'phan-cap' | 'uy-quyen';
  @ApiPropertyOptional({ description: 'Phiên bản quy trình (mặc định: phiên bản mặc định của loại) / workflow version to start on (default: the kind\'s default); GET /api/v1/workflows lists them', example: 2 })
  @IsOptional() @IsInt() @Min(1) @Max(1000)
  workflowVersion?: number;
}

export class UpdateDraftRequest {
  @Changes('Các nội dung thay đổi / the fields that change') changes: ContentChangesDto;
}

export class EmptyRequest {}

export class AssignReviewerRequest {
  @Line('Chuyên viên thẩm định (user id) / reviewer user id', 'user-reviewer') reviewerId: string;
  @Note('Ghi chú / note') note?: string;
}

export class RequestRevisionRequest {
  @Reasons(true) reasons: string[];
  @Note('Ghi chú / note') note?: string;
}

export class ResubmitRequest {
  @ApiPropertyOptional({ description: 'Nội dung đã chỉnh sửa / revised fields', type: ContentChangesDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ContentChangesDto)
  changes?: ContentChangesDto;
  @ApiProperty({ description: 'Giải trình, tiếp thu / response to the revision request' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  response: string;
}

export class AppraiseRequest {
  @ApiProperty({ enum: ['favourable', 'unfavourable'], description: 'Ý kiến thẩm định / opinion' })
  @IsIn(['favourable', 'unfavourable'])
  opinion: 'favourable' | 'unfavourable';
  @Line('Số báo cáo thẩm định / appraisal report number', '45/BC-SNV') reportNumber: string;
  @ApiProperty({ description: 'Tóm tắt ý kiến / summary' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary: string;
  @Reasons(false) reasons?: string[];
}

export class RecordLegalAppraisalRequest {
  @ApiProperty({ enum: ['lawful', 'unlawful'], description: 'Kết luận thẩm định pháp lý / legality opinion' })
  @IsIn(['lawful', 'unlawful'])
  opinion: 'lawful' | 'unlawful';
  @Line('Số báo cáo thẩm định của Sở Tư pháp / report number', '30/BC-STP') reportNumber: string;
  @Note('Ghi chú / notes') notes?: string;
  @Reasons(false) reasons?: string[];
}

export class SubmitToCouncilRequest {
  @Line('Số tờ trình / submission number', '120/TTr-UBND') submissionNumber: string;
  @Day('Ngày trình / submitted on', '2026-11-20') submittedOn: string;
}

export class RecordCouncilVoteRequest {
  @Line('Kỳ họp / session', 'Kỳ họp thứ 25, HĐND tỉnh khóa X') session: string;
  @Day('Ngày biểu quyết / session date', '2026-12-10') sessionDate: string;
  @ApiPropertyOptional({ description: 'Số nghị quyết / resolution number', example: '15/2026/NQ-HĐND' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  resolutionNumber?: string;
  @ApiProperty({ description: 'Tổng số đại biểu / total delegates', example: 50 })
  @IsInt() @Min(1) @Max(10000)
  totalDelegates: number;
  @ApiProperty({ description: 'Tán thành / votes for', example: 40 })
  @IsInt() @Min(0) @Max(10000)
  votesFor: number;
  @ApiProperty({ description: 'Không tán thành / votes against', example: 2 })
  @IsInt() @Min(0) @Max(10000)
  votesAgainst: number;
  @ApiProperty({ description: 'Không biểu quyết / abstaining', example: 1 })
  @IsInt() @Min(0) @Max(10000)
  abstentions: number;
  @Reasons(false) reasons?: string[];
}

export class DecideRequest {
  @ApiProperty({ enum: ['approved', 'rejected'], description: 'Quyết định / outcome' })
  @IsIn(['approved', 'rejected'])
  outcome: 'approved' | 'rejected';
  @ApiProperty({ enum: ['committee', 'chairman'], description: 'UBND tập thể hoặc Chủ tịch UBND / the committee or its chairman' })
  @IsIn(['committee', 'chairman'])
  decidedBy: 'committee' | 'chairman';
  @Reasons(false) reasons?: string[];
}

export class IssueRequest {
  @Line('Số quyết định / document number', '1234/QĐ-UBND') documentNumber: string;
  @Line('Người ký / signer', 'Lê Văn Hảo') signer: string;
  @Day('Ngày ký / signed on', '2026-12-15') signedOn: string;
  @Day('Ngày có hiệu lực / effective from', '2027-01-01') effectiveFrom: string;
}

/** The yearly evaluation an amendment or a revocation follows up. */
export class EvaluationRefDto {
  @ApiProperty({ description: 'Năm của kết quả đánh giá làm căn cứ / the year of the evaluation followed up', example: 2026 })
  @IsInt() @Min(1900) @Max(9999)
  year: number;
}
const FollowsEvaluation = () => (target: object, key: string) => {
  for (const d of [
    ApiPropertyOptional({ description: 'Kết quả đánh giá hằng năm làm căn cứ (phải đề xuất đúng việc này) / the yearly evaluation this follows up (it must have recommended it)', type: () => EvaluationRefDto }),
    IsOptional(), IsObject(), ValidateNested(), Type(() => EvaluationRefDto),
  ]) d(target, key);
};

export class AmendRequest {
  @Line('Số văn bản sửa đổi / amending document number', '200/QĐ-UBND') documentNumber: string;
  @ApiProperty({ description: 'Lý do sửa đổi / reason' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  reason: string;
  @Day('Ngày có hiệu lực / effective from', '2027-06-01') effectiveFrom: string;
  @Changes('Nội dung sửa đổi / the fields that change') changes: ContentChangesDto;
  @FollowsEvaluation() evaluationRef?: EvaluationRefDto;
}

export class RevokeRequest {
  @Line('Số văn bản thu hồi / revoking document number', '300/QĐ-UBND') documentNumber: string;
  @ApiProperty({ description: 'Lý do thu hồi / reason' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  reason: string;
  @Day('Ngày có hiệu lực / effective from', '2027-09-01') effectiveFrom: string;
  @FollowsEvaluation() evaluationRef?: EvaluationRefDto;
}

export class WithdrawRequest {
  @ApiProperty({ description: 'Lý do rút hồ sơ / reason' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  reason: string;
}

export class FileReportRequest {
  @ApiProperty({ description: 'Kỳ báo cáo (quý) / the quarter reported on, YYYY-Qn (1900–2100)', example: '2026-Q2' })
  @Matches(/^(19\d\d|20\d\d|2100)-Q[1-4]$/, { message: 'period must look like 2026-Q2 (a quarter of 1900–2100)' })
  period: string;
  @ApiProperty({ description: 'Kết quả thực hiện / what was done' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary: string;
  @ApiProperty({ description: 'Tài liệu kèm theo / attached documents', type: [DocumentRefDto] })
  @IsArray() @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DocumentRefDto)
  documents: DocumentRefDto[];
}

export class ConditionResultDto {
  @ApiProperty({ description: 'Điều kiện (như ghi trong quyết định) / the condition, as the decision states it' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  condition: string;
  @ApiProperty({ description: 'Đã đáp ứng / met' })
  @IsBoolean()
  met: boolean;
  @ApiPropertyOptional({ description: 'Ghi chú / note' })
  @IsOptional() @IsString() @MaxLength(5000)
  note?: string;
}

export class ResourcesUsedDto {
  @ApiPropertyOptional({ description: 'Kinh phí đã sử dụng (đồng) / budget used (VND)' })
  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  budgetVnd?: number;
  @ApiPropertyOptional({ description: 'Biên chế đã sử dụng / staff positions used' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000)
  staffPositions?: number;
  @ApiPropertyOptional({ description: 'Ghi chú / note' })
  @IsOptional() @IsString() @MaxLength(5000)
  note?: string;
}

export class RecordEvaluationRequest {
  @ApiProperty({ description: 'Năm được đánh giá / the year evaluated', example: 2026 })
  @IsInt() @Min(2000) @Max(2100)
  year: number;
  @ApiProperty({ enum: ['effective', 'needs-adjustment', 'ineffective'], description: 'Kết quả đánh giá / result' })
  @IsIn(['effective', 'needs-adjustment', 'ineffective'])
  result: 'effective' | 'needs-adjustment' | 'ineffective';
  @ApiProperty({ description: 'Nhận xét / summary' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary: string;
  @ApiPropertyOptional({ description: 'Kiến nghị / recommendations', type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(5000, { each: true })
  recommendations?: string[];
  @ApiPropertyOptional({ description: 'Kết quả so với từng điều kiện của quyết định / results against each of its conditions', type: () => [ConditionResultDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => ConditionResultDto)
  conditionResults?: ConditionResultDto[];
  @ApiPropertyOptional({ description: 'Nguồn lực đã sử dụng / resources used', type: () => ResourcesUsedDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ResourcesUsedDto)
  resourcesUsed?: ResourcesUsedDto;
  @ApiPropertyOptional({ description: 'Khó khăn, vướng mắc / problems met', type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(5000, { each: true })
  problems?: string[];
  @ApiPropertyOptional({ enum: ['keep', 'amend', 'revoke', 'extend'], description: 'Đề xuất: giữ nguyên, sửa đổi, thu hồi, gia hạn / recommendation: keep, amend, revoke, extend' })
  @IsOptional() @IsIn(['keep', 'amend', 'revoke', 'extend'])
  recommendation?: 'keep' | 'amend' | 'revoke' | 'extend';
}

export class RequestConsultationRequest {
  @ApiProperty({ description: 'Các cơ quan được lấy ý kiến (body ids) / the bodies consulted', type: [String], example: ['so-tu-phap', 'so-tai-chinh'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true })
  bodyIds: string[];
  @Day('Hạn góp ý / answers due by (end of that day)', '2026-12-15') dueOn: string;
  @Line('Nội dung xin ý kiến / what is asked', 'Dự thảo Nghị quyết phân cấp cấp giấy phép xây dựng') subject: string;
}

export class RecordOpinionRequest {
  @Line('Cơ quan góp ý (body id) / the answering body', 'so-tu-phap') bodyId: string;
  @ApiProperty({ enum: ['agree', 'agree-with-comments', 'disagree'], description: 'Ý kiến / opinion' })
  @IsIn(['agree', 'agree-with-comments', 'disagree'])
  opinion: 'agree' | 'agree-with-comments' | 'disagree';
  @ApiProperty({ description: 'Tóm tắt ý kiến / summary' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary: string;
  @Note('Số văn bản góp ý / reference of the answer') reference?: string;
}

export class RecordExaminationRequest {
  @Line('Ban của HĐND thẩm tra / the examining committee', 'Ban Pháp chế HĐND tỉnh') committee: string;
  @Line('Số báo cáo thẩm tra / report number', '25/BC-HĐND') reportNumber: string;
  @ApiProperty({ enum: ['ready', 'not-ready'], description: 'Kết luận: đủ / chưa đủ điều kiện trình kỳ họp / ready or not for the session' })
  @IsIn(['ready', 'not-ready'])
  conclusion: 'ready' | 'not-ready';
  @ApiProperty({ description: 'Tóm tắt báo cáo thẩm tra / summary' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary: string;
  @Reasons(false) reasons?: string[];
}
