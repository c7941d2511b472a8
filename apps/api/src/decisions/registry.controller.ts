import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { vietnamDate } from '@app/delegation';
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

  @ApiPropertyOptional({ description: 'Ngày (YYYY-MM-DD), mặc định hôm nay theo giờ Việt Nam / date, default today (Asia/Ho_Chi_Minh)' })
  @IsOptional() @IsLocalDate()
  at?: string;
}

export interface HoldingView {
  powerId: string;
  holderBodyId: string;
  source: 'delegation' | 'law';
  kind?: string;
  decisionId?: string;
  delegatorBodyId?: string;
  validFrom?: string;
  validTo?: string | null;
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/registry')
export class RegistryController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
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
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT decision_id, power_id, holder_body_id, delegator_body_id, kind,
              to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
         FROM power_holdings
        WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)
          AND ($2::text IS NULL OR power_id = $2) AND ($3::text IS NULL OR holder_body_id = $3)
          AND delegator_body_id IN (SELECT id FROM bodies WHERE province_id = $4)
        ORDER BY power_id, valid_from, decision_id`,
      [at, q.powerId ?? null, q.bodyId ?? null, scope.provinceId],
    );
    const items: HoldingView[] = rows.map((r) => ({
      powerId: r.power_id!, holderBodyId: r.holder_body_id!, source: 'delegation', kind: r.kind!, decisionId: r.decision_id!,
      delegatorBodyId: r.delegator_body_id!, validFrom: r.valid_from!, validTo: r.valid_to,
    }));
    if (q.powerId && !items.length) {
      // A power of another province does not exist for this user.
      const power: Array<{ legal_holder_body_id: string }> = await this.db.query(
        `SELECT p.legal_holder_body_id FROM powers p JOIN bodies b ON b.id = p.legal_holder_body_id WHERE p.id = $1 AND b.province_id = $2`,
        [q.powerId, scope.provinceId],
      );
      if (!power.length) throw problems.notFound({ vi: `Không có nhiệm vụ, quyền hạn ${q.powerId}.`, en: `No power ${q.powerId}.` });
      // Nobody holds it by delegation on that date: the body the law assigns it to holds it.
      if (!q.bodyId || q.bodyId === power[0].legal_holder_body_id) {
        items.push({ powerId: q.powerId, holderBodyId: power[0].legal_holder_body_id, source: 'law' });
      }
    }
    return { at, items };
  }
}
