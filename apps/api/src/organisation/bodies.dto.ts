import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { BODY_LEVELS, BODY_TYPES, type BodyLevel, type BodyType } from '@app/organisation';
import { IsLocalDate } from '../common/local-date.js';

/** Body ids are lower-case slugs, e.g. `tv-ubnd-cang-long`. */
export const BODY_ID = /^[a-z0-9][a-z0-9-]{1,99}$/;

const Id = (description: string, example: string, optional = false) => (target: object, key: string) => {
  const ds = [
    optional ? ApiPropertyOptional({ description, example }) : ApiProperty({ description, example }),
    IsString(), Matches(BODY_ID, { message: `${key} must be a body id: lower-case letters, digits and hyphens` }),
    ...(optional ? [IsOptional()] : []),
  ];
  for (const d of ds) d(target, key);
};
const Name = (description: string, example: string) => (target: object, key: string) => {
  for (const d of [ApiProperty({ description, example }), IsString(), IsNotEmpty(), MaxLength(300)]) d(target, key);
};
const EffectiveFrom = () => (target: object, key: string) => {
  for (const d of [
    ApiProperty({ description: 'Ngày có hiệu lực (YYYY-MM-DD) / effective date', example: '2025-07-01', format: 'date' }),
    IsLocalDate(),
  ]) d(target, key);
};

export class EstablishBodyRequest {
  @Id('Mã cơ quan (chữ thường, số, gạch nối) / body id (lower-case slug)', 'tv-ubnd-xa-chau-thanh') id: string;
  @Name('Tên tiếng Việt / Vietnamese name', 'Ủy ban nhân dân xã Châu Thành') nameVi: string;
  @Name('Tên tiếng Anh / English name', "People's Committee of Châu Thành Commune") nameEn: string;

  @ApiProperty({ description: 'Cấp hành chính / administrative level', enum: BODY_LEVELS })
  @IsIn(BODY_LEVELS)
  level: BodyLevel;

  @ApiProperty({ description: 'Loại cơ quan (UBND, HĐND, Sở, Phòng, Văn phòng, Thanh tra) / body type', enum: BODY_TYPES })
  @IsIn(BODY_TYPES)
  type: BodyType;

  @ApiPropertyOptional({ description: 'Cơ quan cấp trên (bỏ trống nếu không có) / parent body id, null for none', example: 'tv-ubnd', nullable: true })
  @IsOptional() @IsString() @Matches(BODY_ID, { message: 'parentId must be a body id: lower-case letters, digits and hyphens' })
  parentId?: string | null;

  @ApiProperty({ description: 'Tỉnh / province id', example: 'tv' })
  @IsString() @Matches(/^[a-z0-9-]{1,50}$/, { message: 'provinceId must be a province id such as tv' })
  provinceId: string;

  @ApiPropertyOptional({ description: 'Địa bàn quản lý / territory', example: 'Xã Châu Thành' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  territory?: string;

  @EffectiveFrom() effectiveFrom: string;
}

export class RenameBodyRequest {
  @Name('Tên mới tiếng Việt / new Vietnamese name', 'Ủy ban nhân dân phường Trà Vinh') nameVi: string;
  @Name('Tên mới tiếng Anh / new English name', "People's Committee of Trà Vinh Ward") nameEn: string;
  @EffectiveFrom() effectiveFrom: string;
}

export class ReparentBodyRequest {
  @ApiProperty({ description: 'Cơ quan cấp trên mới (null nếu không còn) / new parent body id, or null', example: 'tv-ubnd', nullable: true, type: String })
  @ValidateIf((o: ReparentBodyRequest) => o.parentId !== null)
  @IsString() @Matches(BODY_ID, { message: 'parentId must be a body id or null' })
  parentId: string | null;
  @EffectiveFrom() effectiveFrom: string;
}

export class MergeBodyRequest {
  @Id('Cơ quan tiếp nhận (sáp nhập vào) / body merged into', 'tv-ubnd-xa-chau-thanh') intoBodyId: string;
  @EffectiveFrom() effectiveFrom: string;
}

export class AbolishBodyRequest {
  @Id('Cơ quan kế thừa nhiệm vụ (nếu có) / successor body, if any', 'tv-ubnd-xa-chau-thanh', true) successorId?: string;
  @EffectiveFrom() effectiveFrom: string;

  @ApiProperty({ description: 'Lý do, căn cứ giải thể / reason and legal basis', example: 'Kết thúc hoạt động của chính quyền địa phương cấp huyện từ ngày 01/7/2025' })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason: string;
}

export class ReassignDelegationsRequest {
  @Id('Cơ quan kế thừa nhận lại các quyết định / successor body that takes over the delegations', 'tv-ubnd-xa-chau-thanh') successorId: string;
  @EffectiveFrom() effectiveFrom: string;

  @ApiProperty({ description: 'Số văn bản giao lại / number of the re-assigning document', example: '1500/QĐ-UBND' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  documentNumber: string;

  @ApiProperty({ description: 'Lý do / reason', example: 'Sắp xếp đơn vị hành chính, kết thúc cấp huyện' })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason: string;
}
