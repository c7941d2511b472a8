import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { PowerCommand, PowerRefusal, PowerRule } from '@app/organisation';
import type { AccessScope } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { Clock } from '@app/kernel';
import { ProblemException, problems } from '@app/kernel';
import { GetPowerQuery, ListPowerVersionsQuery, OrganisationScope, PowerStore, type PowerVersionView, type PowerView } from '@app/organisation';
import { CommandHeaderDocs, CommandHeaders, etag, type CommandHeaderValues } from '../common/command-headers.js';
import * as D from './powers.dto.js';
import { SECTORS } from '@app/organisation';

export interface PowerCommandResult {
  powerId: string;
  version: number;
  retired: boolean;
}

export type { PowerVersionView, PowerView };

const noPower = (id: string) => problems.notFound({ vi: `Không có nhiệm vụ, quyền hạn ${id}.`, en: `No power ${id}.` });
const ruleOf = (r: PowerRule) => ({ id: r.id, version: r.version, source: r.source, message: r.message });

/** Turns the catalogue domain's named refusal into the HTTP problem the API promises. */
function powerRefusalToProblem(id: string, r: PowerRefusal): ProblemException {
  switch (r.kind) {
    case 'power-not-found':
      return noPower(id);
    case 'power-already-exists':
      return new ProblemException(409, 'already-exists', { vi: 'Đã tồn tại', en: 'Already exists' }, {
        vi: `Nhiệm vụ, quyền hạn ${id} đã có trong danh mục.`, en: `Power ${id} already exists.`,
      });
    case 'power-retired':
      return new ProblemException(409, 'power-already-retired', { vi: 'Đã loại khỏi danh mục', en: 'Power already retired' }, {
        vi: `${r.rule.message.vi} (từ ngày ${r.retiredOn})`, en: `${r.rule.message.en} (on ${r.retiredOn})`,
      }, { rule: ruleOf(r.rule), retiredOn: r.retiredOn });
    case 'code-taken':
      return new ProblemException(409, 'power-code-unique', { vi: 'Mã đã được dùng', en: 'Code already used' }, {
        vi: `${r.rule.message.vi} (mã "${r.code}" của ${r.byPowerId})`, en: `${r.rule.message.en} ("${r.code}" belongs to ${r.byPowerId})`,
      }, { rule: ruleOf(r.rule), field: 'code', code: r.code, powerId: r.byPowerId });
    case 'unknown-references':
      return problems.validation(r.unknown.map((u) =>
        u.what === 'sector'
          ? {
              field: u.field, constraint: 'isIn',
              reason: {
                vi: `${u.field}: lĩnh vực "${u.value}" không có; chọn một trong ${Object.keys(SECTORS).join(', ')}`,
                en: `${u.field}: unknown sector "${u.value}"; use one of ${Object.keys(SECTORS).join(', ')}`,
              },
            }
          : { field: u.field, constraint: 'exists', reason: { vi: `${u.field}: không tìm thấy cơ quan "${u.value}"`, en: `${u.field}: no body "${u.value}" exists` } }));
    case 'rule-violated':
      return new ProblemException(422, 'rule-violated', { vi: 'Vi phạm quy tắc nghiệp vụ', en: 'Business rule violated' }, {
        vi: r.detail?.vi ?? r.rule.message.vi, en: r.detail?.en ?? r.rule.message.en,
      }, { rule: ruleOf(r.rule), ...(r.field ? { field: r.field } : {}) });
  }
}

/**
 * The catalogue of powers as event-sourced data: each power defined, revised and retired on effective
 * dates (its `power:<id>` stream), versioned in `power_versions`. Writes are for administrators and
 * act on the powers of their own province (held by law by one of its bodies); reads are scoped alike.
 * The list, now or as of `?at=`, is `GET /api/v1/powers` (OrganisationController).
 */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('api/v1/powers')
export class PowersController {
  constructor(
    private readonly queries: QueryBus,
    private readonly organisation: OrganisationScope,
    private readonly clock: Clock,
    private readonly store: PowerStore,
  ) {}

  @Post()
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @ApiOperation({ summary: 'Đưa nhiệm vụ, quyền hạn vào danh mục / define a power (admin)' })
  @ApiCreatedResponse({ description: '`{ powerId, version, retired }`; `Location` header' })
  async define(
    @Body() body: D.DefinePowerRequest, @CurrentUser() user: AuthenticatedUser, @Scope() scope: AccessScope,
    @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response,
  ): Promise<PowerCommandResult> {
    const { id, procedureCodes, ...rest } = body;
    const result = await this.run(user, scope, id, { type: 'define', data: { powerId: id, ...rest, procedureCodes: procedureCodes ?? [] } }, h, res);
    res.location(`/api/v1/powers/${id}`);
    return result;
  }

  @Post(':id/revise')
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @HttpCode(200)
  @ApiParam({ name: 'id', example: 'TV-DD-02' })
  @ApiOperation({ summary: 'Sửa đổi nhiệm vụ, quyền hạn (phiên bản mới) / revise a power: a new version from `effectiveFrom` (admin)' })
  @ApiOkResponse({ description: '`{ powerId, version, retired }`' })
  async revise(
    @Param('id') id: string, @Body() body: D.RevisePowerRequest, @CurrentUser() user: AuthenticatedUser, @Scope() scope: AccessScope,
    @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response,
  ): Promise<PowerCommandResult> {
    await this.inScope(id, scope);
    const changes = Object.fromEntries(Object.entries(body.changes).filter(([, v]) => v !== undefined));
    return this.run(user, scope, id, { type: 'revise', data: { changes, reason: body.reason, effectiveFrom: body.effectiveFrom } }, h, res);
  }

  @Post(':id/retire')
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @HttpCode(200)
  @ApiParam({ name: 'id', example: 'TV-DD-03' })
  @ApiOperation({ summary: 'Loại nhiệm vụ, quyền hạn khỏi danh mục / retire a power: it can no longer be proposed (admin)' })
  @ApiOkResponse({ description: '`{ powerId, version, retired: true }`' })
  async retire(
    @Param('id') id: string, @Body() body: D.RetirePowerRequest, @CurrentUser() user: AuthenticatedUser, @Scope() scope: AccessScope,
    @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response,
  ): Promise<PowerCommandResult> {
    await this.inScope(id, scope);
    return this.run(user, scope, id, { type: 'retire', data: { reason: body.reason, effectiveFrom: body.effectiveFrom } }, h, res);
  }

  @Get(':id')
  @ApiParam({ name: 'id', example: 'TV-DD-02' })
  @ApiOperation({ summary: 'Nhiệm vụ, quyền hạn hiện tại / a power now, with its version' })
  async one(@Param('id') id: string, @Scope() scope: AccessScope, @Res({ passthrough: true }) res: Response): Promise<PowerView> {
    const power = await this.queries.execute(new GetPowerQuery(id, scope.provinceId));
    if (!power) throw noPower(id);
    res.setHeader('ETag', etag(power.version));
    return power;
  }

  @Get(':id/history')
  @ApiParam({ name: 'id', example: 'TV-DD-02' })
  @ApiOperation({ summary: 'Các phiên bản của nhiệm vụ, quyền hạn / the versions of a power with their validity, oldest first' })
  @ApiOkResponse({ description: '`{ powerId, versions: [{ version, validFrom, validTo, …attributes, retired, event }] }`' })
  async history(@Param('id') id: string, @Scope() scope: AccessScope): Promise<{ powerId: string; versions: PowerVersionView[] }> {
    await this.inScope(id, scope);
    const versions = await this.queries.execute(new ListPowerVersionsQuery(id));
    return { powerId: id, versions };
  }

  /** A power outside the caller's province does not exist for them (404, never 403). */
  private async inScope(id: string, scope: AccessScope): Promise<void> {
    if (!D.POWER_ID.test(id)) throw noPower(id);
    if (!(await this.organisation.powerInProvince(id, scope.provinceId))) throw noPower(id);
  }

  private async run(
    user: AuthenticatedUser, scope: AccessScope, id: string, command: PowerCommand, h: CommandHeaderValues, res: Response,
  ): Promise<PowerCommandResult> {
    const outcome = await this.store.execute(id, command, {
      actorId: user.userId, actorRole: user.role, actorBodyId: user.bodyId,
      occurredAt: this.clock.now().toISOString(), correlationId: h.correlationId ?? `power:${id}:${this.clock.now().getTime()}`,
    }, { provinceId: scope.provinceId, expectedVersion: h.ifMatch, commandId: h.commandId });
    if (!outcome.ok) throw powerRefusalToProblem(id, outcome.refusal);
    res.setHeader('ETag', etag(outcome.version));
    return { powerId: outcome.powerId, version: outcome.version, retired: outcome.retired };
  }
}
