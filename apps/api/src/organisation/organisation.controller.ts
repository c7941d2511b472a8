import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { listWorkflows } from '@app/delegation';
import { BodyEntity, type BodyLevel } from './body.entity.js';
import { PowerEntity } from './power.entity.js';
import { SECTORS } from './sectors.js';

/** TypeORM 1 refuses `undefined` in a where clause: absent filters are left out. */
const definedOnly = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

class PageRequest {
  @ApiPropertyOptional({ default: 100, description: 'Số dòng mỗi trang / page size (1–500)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
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
}

export class PowersRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'Lĩnh vực / sector code' })
  @IsOptional() @IsString() @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional({ description: 'Chỉ những quyền được phép phân cấp, ủy quyền / delegable only' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  delegable?: boolean;
}

@ApiTags('reference')
@ApiBearerAuth()
@Controller('api/v1')
export class OrganisationController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('bodies')
  @ApiOperation({ summary: 'Cơ quan / state bodies' })
  async bodies(@Query() q: BodiesRequest) {
    const { limit, offset, ...where } = q;
    const [items, total] = await this.db.getRepository(BodyEntity).findAndCount({ where: definedOnly(where), order: { id: 'ASC' }, take: limit, skip: offset });
    return { items, total, limit, offset };
  }

  @Get('powers')
  @ApiOperation({ summary: 'Danh mục nhiệm vụ, quyền hạn / the catalogue of powers' })
  async powers(@Query() q: PowersRequest) {
    const { limit, offset, ...where } = q;
    const [items, total] = await this.db.getRepository(PowerEntity).findAndCount({ where: definedOnly(where), order: { id: 'ASC' }, take: limit, skip: offset });
    return { items, total, limit, offset };
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
