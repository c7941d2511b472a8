import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { StoredEvent } from '@app/event-store';
import { REFERENCED_BODY_ACTIVE, type BodyCommand, type BodyRefusal } from '@app/organisation';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { Clock } from '@app/kernel';
import { ProblemException, problems } from '@app/kernel';
import { ExecuteDecisionCommand, ListIssuedDecisionsNamingBodyQuery, commandInput, type CommandResult } from '@app/delegation';
import { BodyStore, OrganisationScope } from '@app/organisation';
import { CommandHeaderDocs, CommandHeaders, etag, type CommandHeaderValues } from '../common/command-headers.js';
import * as D from './bodies.dto.js';
import type { AccessScope } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';

export interface BodyCommandResult {
  bodyId: string;
  version: number;
  status: string;
}

export interface ReassignmentResult {
  bodyId: string;
  successorId: string;
  effectiveFrom: string;
  /** Each decision re-assigned, with its new version (`duplicate` when a retry found it already done). */
  reassigned: CommandResult[];
  /** Decisions the domain refused to re-assign, with the problem it gave. */
  refused: Array<{ decisionId: string; status: number; problem: Record<string, unknown> }>;
}

const noBody = (id: string) => problems.notFound({ vi: `Không có cơ quan ${id}.`, en: `No body ${id}.` });

/** Turns the organisation domain's named refusal into the HTTP problem the API promises. */
function bodyRefusalToProblem(id: string, r: BodyRefusal): ProblemException {
  switch (r.kind) {
    case 'body-not-found':
      return noBody(id);
    case 'body-already-exists':
      return new ProblemException(409, 'already-exists', { vi: 'Đã tồn tại', en: 'Already exists' }, {
        vi: `Cơ quan ${id} đã tồn tại.`, en: `Body ${id} already exists.`,
      });
    case 'body-ended':
      return new ProblemException(409, 'body-already-ended', { vi: 'Cơ quan đã chấm dứt', en: 'Body already ended' }, {
        vi: `${r.rule.message.vi} (${r.status === 'merged' ? 'sáp nhập' : 'giải thể'} từ ngày ${r.endedOn})`,
        en: `${r.rule.message.en} (${r.status} on ${r.endedOn})`,
      }, { rule: { id: r.rule.id, version: r.rule.version, source: r.rule.source, message: r.rule.message }, bodyStatus: r.status, endedOn: r.endedOn });
    case 'rule-violated':
      return new ProblemException(422, 'rule-violated', { vi: 'Vi phạm quy tắc nghiệp vụ', en: 'Business rule violated' }, {
        vi: r.detail?.vi ?? r.rule.message.vi, en: r.detail?.en ?? r.rule.message.en,
      }, { rule: { id: r.rule.id, version: r.rule.version, source: r.rule.source, message: r.rule.message }, ...(r.field ? { field: r.field } : {}) });
  }
}

/**
 * The organisation as event-sourced data: bodies established, renamed, re-parented, merged and
 * abolished on effective dates (the 1 July 2025 reorganisation among them), and the re-assignment of
 * the delegations of a body that ceased. Writes are for administrators.
 */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('api/v1/bodies')
export class BodiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly organisation: OrganisationScope,
    private readonly clock: Clock,
    private readonly store: BodyStore,
  ) {}

  @Post()
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @ApiOperation({ summary: 'Thành lập cơ quan / establish a body (admin)' })
  @ApiCreatedResponse({ description: '`{ bodyId, version, status }`; `Location` header' })
  async establish(@Body() body: D.EstablishBodyRequest, @CurrentUser() user: AuthenticatedUser, @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response): Promise<BodyCommandResult> {
    const { id, parentId, territory, ...rest } = body;
    const result = await this.run(user, id, {
      type: 'establish',
      data: { bodyId: id, ...rest, parentId: parentId ?? null, ...(territory !== undefined && { territory }) },
    }, h, res);
    res.location(`/api/v1/bodies/${id}/history`);
    return result;
  }

  @Post(':id/rename')
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @HttpCode(200)
  @ApiParam({ name: 'id', example: 'tv-ubnd-tp-tra-vinh' })
  @ApiOperation({ summary: 'Đổi tên cơ quan / rename a body (admin)' })
  rename(
    @Param('id') id: string, @Body() body: D.RenameBodyRequest, @CurrentUser() user: AuthenticatedUser,
    @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response,
  ): Promise<BodyCommandResult> {
    return this.run(user, id, { type: 'rename', data: { ...body } }, h, res);
  }

  @Post(':id/reparent')
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @HttpCode(200)
  @ApiParam({ name: 'id', example: 'tv-ubnd-phuong-1' })
  @ApiOperation({ summary: 'Đổi cơ quan cấp trên / re-parent a body (admin)' })
  reparent(
    @Param('id') id: string, @Body() body: D.ReparentBodyRequest, @CurrentUser() user: AuthenticatedUser,
    @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response,
  ): Promise<BodyCommandResult> {
    return this.run(user, id, { type: 'reparent', data: { ...body } }, h, res);
  }

  @Post(':id/merge')
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @HttpCode(200)
  @ApiParam({ name: 'id', example: 'tv-ubnd-phuong-1' })
  @ApiOperation({ summary: 'Sáp nhập cơ quan vào cơ quan khác / merge a body into another (admin)' })
  merge(
    @Param('id') id: string, @Body() body: D.MergeBodyRequest, @CurrentUser() user: AuthenticatedUser,
    @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response,
  ): Promise<BodyCommandResult> {
    return this.run(user, id, { type: 'merge', data: { ...body } }, h, res);
  }

  @Post(':id/abolish')
  @RequirePermission('bodies:manage')
  @CommandHeaderDocs()
  @HttpCode(200)
  @ApiParam({ name: 'id', example: 'tv-ubnd-cang-long' })
  @ApiOperation({
    summary: 'Giải thể cơ quan / abolish a body (admin)',
    description: 'The delegations in effect to or from the body get the delegate-body-reorganised finding once the checks run.',
  })
  abolish(
    @Param('id') id: string, @Body() body: D.AbolishBodyRequest, @CurrentUser() user: AuthenticatedUser,
    @CommandHeaders() h: CommandHeaderValues, @Res({ passthrough: true }) res: Response,
  ): Promise<BodyCommandResult> {
    return this.run(user, id, { type: 'abolish', data: { ...body } }, h, res);
  }

  @Get(':id/history')
  @ApiParam({ name: 'id', example: 'qn-ubnd-nui-thanh' })
  @ApiOperation({ summary: 'Lịch sử cơ quan / the events of a body, oldest first' })
  async history(@Param('id') id: string, @Scope() scope: AccessScope): Promise<StoredEvent[]> {
    if (!D.BODY_ID.test(id)) throw noBody(id);
    // Another province's bodies are not shown, not even their history.
    if (!(await this.organisation.bodyInProvince(id, scope.provinceId))) throw noBody(id);
    const events = await this.store.history(id);
    if (!events.length) throw noBody(id);
    return events;
  }

  @Post(':id/reassign-delegations')
  @RequirePermission('bodies:manage')
  @HttpCode(200)
  @ApiParam({ name: 'id', example: 'qn-ubnd-nui-thanh' })
  @ApiOperation({
    summary: 'Giao lại các quyết định đang hiệu lực cho cơ quan kế thừa / re-assign every delegation in effect to or from the body to its successor (admin)',
    description: 'Runs the `reassign` command on each issued decision naming the body; each is a DecisionReassigned event on its own stream. Repeat-safe.',
  })
  @ApiOkResponse({ description: '`{ bodyId, successorId, effectiveFrom, reassigned: [{ decisionId, version, stage, duplicate }], refused }`' })
  async reassignDelegations(@Param('id') id: string, @Body() body: D.ReassignDelegationsRequest, @CurrentUser() user: AuthenticatedUser): Promise<ReassignmentResult> {
    if (!D.BODY_ID.test(id)) throw noBody(id);
    const found = await this.organisation.bodyStatuses([id, body.successorId]);
    if (!found.some((b) => b.id === id)) throw noBody(id);
    const province = await this.provinceOf(user);
    const own = await this.organisation.bodiesInProvince([id, body.successorId], province);
    if (!own.includes(id)) throw noBody(id);
    const successor = found.find((b) => b.id === body.successorId);
    if (!successor) {
      throw problems.validation([{ field: 'successorId', constraint: 'exists', reason: { vi: `successorId: không có cơ quan "${body.successorId}"`, en: `successorId: no body "${body.successorId}" exists` } }]);
    }
    if (successor.status !== 'active' && (!successor.endedOn || successor.endedOn <= body.effectiveFrom)) {
      throw bodyRefusalToProblem(id, { kind: 'rule-violated', rule: REFERENCED_BODY_ACTIVE, field: 'successorId' });
    }
    if (body.successorId === id) {
      throw problems.validation([{ field: 'successorId', constraint: 'differs', reason: { vi: 'successorId: phải khác cơ quan cần giao lại', en: 'successorId: must differ from the body re-assigned from' } }]);
    }
    const decisions = await this.queries.execute(new ListIssuedDecisionsNamingBodyQuery(id));
    const result: ReassignmentResult = { bodyId: id, successorId: body.successorId, effectiveFrom: body.effectiveFrom, reassigned: [], refused: [] };
    for (const decisionId of decisions) {
      try {
        result.reassigned.push(await this.commands.execute(new ExecuteDecisionCommand(decisionId, commandInput('reassign', user, {
          fromBodyId: id, toBodyId: body.successorId, effectiveFrom: body.effectiveFrom, documentNumber: body.documentNumber, reason: body.reason,
        }), { commandId: `reassign:${decisionId}:${id}:${body.successorId}`, correlationId: `reassign:${id}:${body.successorId}` })));
      } catch (e) {
        if (!(e instanceof ProblemException) || e.getStatus() >= 500) throw e;
        result.refused.push({ decisionId, status: e.getStatus(), problem: { type: e.slug, detail: e.detail, ...e.extensions } });
      }
    }
    return result;
  }

  /** The province of the acting admin's own body: an admin changes the bodies of that province only. */
  private provinceOf(user: AuthenticatedUser): Promise<string | null> {
    return this.organisation.provinceOf(user.bodyId);
  }

  private async run(user: AuthenticatedUser, id: string, command: BodyCommand, h: CommandHeaderValues, res: Response): Promise<BodyCommandResult> {
    if (!D.BODY_ID.test(id)) throw noBody(id);
    const province = await this.provinceOf(user);
    if (command.type === 'establish') {
      if (command.data.provinceId !== province) {
        throw problems.validation([{ field: 'provinceId', constraint: 'scope', reason: {
          vi: `provinceId: chỉ được thành lập cơ quan thuộc tỉnh của mình (${province})`,
          en: `provinceId: you may establish bodies of your own province only (${province})`,
        } }]);
      }
    } else if (!(await this.organisation.bodyInProvince(id, province))) {
      throw noBody(id); // another province's body does not exist for this admin
    }
    const outcome = await this.store.execute(id, command, {
      actorId: user.userId, actorRole: user.role, actorBodyId: user.bodyId,
      occurredAt: this.clock.now().toISOString(), correlationId: h.correlationId ?? `body:${id}:${this.clock.now().getTime()}`,
    }, { expectedVersion: h.ifMatch, commandId: h.commandId });
    if (!outcome.ok) throw bodyRefusalToProblem(id, outcome.refusal);
    res.setHeader('ETag', etag(outcome.version));
    return { bodyId: outcome.bodyId, version: outcome.version, status: outcome.status };
  }
}
