import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { RegistryHoldersQuery, vietnamDate, type HoldingView } from '@app/delegation';
import { Clock } from '@app/kernel';
import { IsLocalDate } from '../common/local-date.js';
import type { AccessScope } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { problems } from '@app/kernel';

export class RegistryRequest {
  @ApiPropertyOptional({ description: 'Nhiệm vụ, quyền hạn / power id' })
  @IsOptional() @IsString() @MaxLength(100)
  powerId?: string;

  @ApiPropertyOptional({ description: 'Cơ quan đang nắm quyền / holder body id' })
  @IsOptional() @IsString() @MaxLength(100)
  bodyId?: string;

  @ApiPropertyOptional({ description: 'Ngày (YYYY-MM-DD), mặc định hôm nay theo giờ Việt Nam / date, default today (Asia/Ho_Chi_Minh)', format: 'date' })
  @IsOptional() @IsLocalDate()
  at?: string;
}

export type { HoldingView };

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/registry')
export class RegistryController {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Ai nắm quyền này? / who holds a power (or which powers a body holds) on a date',
    description: 'With powerId: its holder on that date (by delegation, else by law). With bodyId: the powers it holds by delegation.',
  })
  @RequirePermission('registry:read')
  async holders(@Query() q: RegistryRequest, @Scope() scope: AccessScope): Promise<{ at: string; items: HoldingView[] }> {
    if (!q.powerId && !q.bodyId) {
      throw problems.validation([{ field: 'powerId', constraint: 'required', reason: { vi: 'powerId: cần powerId hoặc bodyId', en: 'powerId: give powerId or bodyId (or both)' } }]);
    }
    const at = q.at ?? vietnamDate(this.clock.now().toISOString());
    const items = await this.queries.execute(new RegistryHoldersQuery({ powerId: q.powerId, bodyId: q.bodyId }, at, scope.provinceId));
    // A power of another province does not exist for this user.
    if (!items) throw problems.notFound({ vi: `Không có nhiệm vụ, quyền hạn ${q.powerId}.`, en: `No power ${q.powerId}.` });
    return { at, items };
  }
}
