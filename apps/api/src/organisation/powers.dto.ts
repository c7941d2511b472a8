import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../common/local-date.js';
import { BODY_ID } from './bodies.dto.js';
import { SECTORS } from '@app/organisation';

/** Power ids are upper-case, e.g. `TV-DD-02`. */
export const POWER_ID = /^[A-Z0-9][A-Z0-9-]{1,63}$/;
/** Catalogue codes: letters, digits, dots, slashes and hyphens, e.g. `TV-DD-02`. */
export const POWER_CODE = /^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$/;
/** Codes of administrative procedures in the national database, e.g. `1.012778`. */
export const PROCEDURE_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/;

const SECTOR_DESCRIPTION = `Lĩnh vực / sector (GET /api/v1/sectors): ${Object.keys(SECTORS).join(', ')}`;

const Text = (max: number) => [IsString(), IsNotEmpty(), MaxLength(max)];
const apply = (target: object, key: string, ds: PropertyDecorator[]) => {
  for (const d of ds) d(target, key);
};

/** The attributes of a power; `optional` for a revision, where each is optional. */
const Attr = (kind: 'code' | 'titleVi' | 'titleEn' | 'sector' | 'legalHolderBodyId' | 'legalSource' | 'delegable' | 'procedureCodes', optional: boolean) =>
  (target: object, key: string) => {
    const doc: ApiPropertyOptions = ({
      code: { description: 'Mã trong danh mục / catalogue code', example: 'TV-DD-04' },
      titleVi: { description: 'Tên nhiệm vụ, quyền hạn (tiếng Việt) / title in Vietnamese', example: 'Cấp giấy chứng nhận quyền sử dụng đất cho tổ chức' },
      titleEn: { description: 'Tên nhiệm vụ, quyền hạn (tiếng Anh) / title in English', example: 'Issue land-use right certificates to organisations' },
      sector: { description: SECTOR_DESCRIPTION, example: 'dat-dai' },
      legalHolderBodyId: { description: 'Cơ quan có thẩm quyền theo luật (phân quyền) / the body that holds the power by law', example: 'tv-ubnd' },
      legalSource: { description: 'Căn cứ pháp lý / legal source', example: 'Luật Đất đai 2024, Điều 136' },
      delegable: { description: 'Được phép phân cấp, ủy quyền / may be decentralised or authorised', example: true },
      procedureCodes: { description: 'Mã thủ tục hành chính liên quan / related administrative procedure codes', example: ['1.012778'], type: [String] },
    } as Record<typeof kind, ApiPropertyOptions>)[kind];
    const validators: PropertyDecorator[] = {
      code: [IsString(), Matches(POWER_CODE, { message: `${key} must be a catalogue code: letters, digits, dots, slashes and hyphens` })],
      titleVi: Text(500),
      titleEn: Text(500),
      sector: [IsString(), IsNotEmpty(), MaxLength(100)],
      legalHolderBodyId: [IsString(), Matches(BODY_ID, { message: `${key} must be a body id: lower-case letters, digits and hyphens` })],
      legalSource: Text(1000),
      delegable: [IsBoolean()],
      procedureCodes: [
        IsArray(), ArrayMaxSize(100), IsString({ each: true }),
        Matches(PROCEDURE_CODE, { each: true, message: `each of ${key} must be a procedure code such as 1.012778` }),
      ],
    }[kind];
    apply(target, key, [optional ? ApiPropertyOptional(doc) : ApiProperty(doc), ...validators, ...(optional ? [IsOptional()] : [])]);
  };

const EffectiveFrom = (description: string) => (target: object, key: string) =>
  apply(target, key, [ApiProperty({ description, example: '2026-01-01', format: 'date' }), IsLocalDate()]);
const Reason = (description: string, example: string) => (target: object, key: string) =>
  apply(target, key, [ApiProperty({ description, example }), ...Text(2000)]);

export class DefinePowerRequest {
  @ApiProperty({ description: 'Mã định danh (chữ hoa, số, gạch nối) / power id (upper-case)', example: 'TV-DD-04' })
  @IsString() @Matches(POWER_ID, { message: 'id must be a power id: upper-case letters, digits and hyphens' })
  id: string;

  @Attr('code', false) code: string;
  @Attr('titleVi', false) titleVi: string;
  @Attr('titleEn', false) titleEn: string;
  @Attr('sector', false) sector: string;
  @Attr('legalHolderBodyId', false) legalHolderBodyId: string;
  @Attr('legalSource', false) legalSource: string;
  @Attr('delegable', false) delegable: boolean;
  @Attr('procedureCodes', true) procedureCodes?: string[];
  @EffectiveFrom('Ngày đưa vào danh mục (YYYY-MM-DD) / the day the power enters the catalogue') effectiveFrom: string;
}

/** The fields a revision changes; at least one must differ from the current version. */
export class PowerChangesRequest {
  @Attr('code', true) code?: string;
  @Attr('titleVi', true) titleVi?: string;
  @Attr('titleEn', true) titleEn?: string;
  @Attr('sector', true) sector?: string;
  @Attr('legalHolderBodyId', true) legalHolderBodyId?: string;
  @Attr('legalSource', true) legalSource?: string;
  @Attr('delegable', true) delegable?: boolean;
  @Attr('procedureCodes', true) procedureCodes?: string[];
}

export class RevisePowerRequest {
  @ApiProperty({ description: 'Các nội dung sửa đổi / the fields that change', type: PowerChangesRequest })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => PowerChangesRequest)
  changes: PowerChangesRequest;

  @Reason('Lý do, căn cứ sửa đổi / reason and basis of the revision', 'Luật Đất đai sửa đổi 2026') reason: string;
  @EffectiveFrom('Ngày phiên bản mới có hiệu lực (YYYY-MM-DD) / the day the new version takes effect') effectiveFrom: string;
}

export class RetirePowerRequest {
  @Reason('Lý do, căn cứ loại khỏi danh mục / reason and basis of the retirement', 'Bãi bỏ theo Nghị định 10/2026/NĐ-CP') reason: string;
  @EffectiveFrom('Ngày không còn trong danh mục (YYYY-MM-DD) / the first day the power is no longer in the catalogue') effectiveFrom: string;
}
