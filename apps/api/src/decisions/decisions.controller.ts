import { createHash, randomUUID } from 'node:crypto';
import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { commandInput, currentWorkflow, evaluationFollowUp, type CommandData, type CommandType } from '@app/delegation';
import type { AccessScope } from '@app/identity';
import { commandPermission, scopeOf } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { problems } from '@app/kernel';
import * as A from './actions.dto.js';
import { CompareVersionsQuery, compareEnds } from '@app/delegation';
import { ExecuteDecisionCommand, type CommandResult } from '@app/delegation';
import { GetDecisionEventsQuery } from '@app/delegation';
import { GetDecisionQuery } from '@app/delegation';
import { DecisionSummaryQuery, ListDecisionsQuery, type DecisionFilter } from '@app/delegation';
import { CommandHeaderDocs, CommandHeaders, etag, parseIdempotencyKey, type CommandHeaderValues } from '../common/command-headers.js';
import { DECISION_ACTIONS, type DecisionAction, type HttpDecisionCommand } from './action-table.js';
import { CompareVersionsRequest, DecisionFilterRequest, GetDecisionRequest, ListDecisionsRequest } from './queries.dto.js';

/** A UUID (version 8, RFC 9562 custom) derived from a string by SHA-256. */
function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The list filters of a request, "waits on me" made the caller's user, role and body. */
export function decisionFilter(q: DecisionFilterRequest, user: AuthenticatedUser): DecisionFilter {
  const { stage, open, kind, delegateBodyId, delegatorBodyId, proposerBodyId, bodyId, sector, powerId, assigneeId, overdue, q: text } = q;
  return {
    stage, open, kind, delegateBodyId, delegatorBodyId, proposerBodyId, bodyId, sector, powerId, assigneeId, overdue, q: text,
    ...(q.waitsOnMe && { waitsOn: { userId: user.userId, role: user.role, bodyId: user.bodyId } }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function decisionId(id: string): string {
  if (!UUID.test(id)) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
  return id.toLowerCase();
}

/**
 * What every action route declares: the permission to run the command (held by the roles the workflow
 * definitions allow; outside the caller's scope the decision is a 404), the version precondition, the
 * repeat-safe key, the result.
 */
const ActionDocs = (command: CommandType) =>
  applyDecorators(
    RequirePermission(commandPermission(command), { decision: 'id', scopeInHandler: true }),
    ApiParam({ name: 'id', type: String, format: 'uuid' }),
    CommandHeaderDocs(),
    ApiOkResponse({ description: '`{ decisionId, version, stage, duplicate }`; header `ETag` = the new version' }),
  );

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('api/v1/decisions')
export class DecisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission(commandPermission('propose'))
  @ApiOperation({ summary: 'Lập dự thảo đề xuất / draft a proposal (phân cấp or ủy quyền)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat-safe key: a retry answers with the first result' })
  @ApiCreatedResponse({ description: 'Created: `{ decisionId, version, stage }`; `Location` and `ETag` headers' })
  async propose(
    @Body() body: A.ProposeRequest,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResult> {
    const { kind, workflowVersion, ...content } = body;
    const key = parseIdempotencyKey(idempotencyKey);
    // A retried propose must land on the same stream: with a key, the id is derived from it.
    const id = key ? uuidFromKey(`${user.userId}:${key}`) : randomUUID();
    const result = await this.commands.execute(
      new ExecuteDecisionCommand(id, commandInput('propose', user, {
        ...content, decisionId: id, kind, proposerBodyId: user.bodyId, workflowVersion: workflowVersion ?? currentWorkflow(kind).version,
      }), { commandId: key && `${user.userId}:${key}`, provinceId: user.provinceId }),
    );
    res.location(`/api/v1/decisions/${result.decisionId}`).setHeader('ETag', etag(result.version));
    return result;
  }

  @Get()
  @RequirePermission('decisions:read')
  @ApiOperation({ summary: 'Danh sách hồ sơ / list decisions, filtered and paginated (only those in your scope)' })
  @ApiOkResponse({ description: '`{ items: [{ id, caseNumber, title, stage, …, assignee: { id, displayName } | null, deadline: { dueOn, workingDaysLeft, overdue, dueSoon, … } | null, waitingOn }], total, limit, offset, sort, nextCursor }`' })
  list(@Query() q: ListDecisionsRequest, @Scope() scope: AccessScope, @CurrentUser() user: AuthenticatedUser) {
    const { limit, offset, cursor, sort } = q;
    return this.queries.execute(new ListDecisionsQuery({ filter: decisionFilter(q, user), sort, limit, offset, cursor }, scope));
  }

  @Get('summary')
  @RequirePermission('decisions:read')
  @ApiOperation({
    summary: 'Số liệu tổng hợp / dashboard figures over every decision the filters match (counted in SQL, no page limit)',
    description: 'Cùng bộ lọc như danh sách (bỏ qua `sort`) / the list\'s filters (`sort` is ignored).',
  })
  @ApiOkResponse({
    description: '`{ total, open, overdue, byStage: [{ stage, count }] (every stage, in workflow order), byKind, bySector, findingsByRule, '
      + 'onTime: { met, late, rate (0–1 or null), byStage, byBodyMonth }, quarter, reportsDue }`',
  })
  summary(@Query() q: DecisionFilterRequest, @Scope() scope: AccessScope, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new DecisionSummaryQuery(decisionFilter(q, user), scope));
  }

  @Get(':id')
  @RequirePermission('decisions:read', { decision: 'id', scopeInHandler: true })
  @ApiOperation({ summary: 'Trạng thái hồ sơ / a decision now, or as of `?at=` or `?version=`' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'The decision; header `ETag` = its stream version' })
  async get(
    @Param('id') id: string,
    @Query() q: GetDecisionRequest,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (q.at !== undefined && q.version !== undefined) {
      throw problems.validation([{ field: 'at', constraint: 'exclusive', reason: { vi: 'at: không dùng cùng version', en: 'at: give either at or version, not both' } }]);
    }
    const view = await this.queries.execute(new GetDecisionQuery(decisionId(id), user.role, { version: q.version, at: q.at }, scopeOf(user), user.bodyId));
    res.setHeader('ETag', etag(view.version));
    return view;
  }

  @Get(':id/evaluations/:year/follow-up')
  @RequirePermission('decisions:read', { decision: 'id', scopeInHandler: true })
  @ApiOperation({
    summary: 'Đề xuất tiếp theo của đánh giá hằng năm / what the yearly evaluation of `year` opens: the amend or revoke request, pre-filled',
    description: 'Khi đánh giá đề xuất sửa đổi hoặc thu hồi: thân yêu cầu của lệnh đó, lý do là các khó khăn, vướng mắc của đánh giá, '
      + '`evaluationRef` viện dẫn đánh giá; `missing` là các trường còn phải điền. / For a recommendation to amend or revoke: that command\'s '
      + 'request body with the evaluation\'s problems as the reason and `evaluationRef` naming it; `missing` lists what is left to fill in.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'year', example: 2026 })
  @ApiOkResponse({ description: '`{ decisionId, year, recommendation, command (amend|revoke|null), label, href, body, missing, basis, followedBy }`; 404 no evaluation of that year' })
  async followUp(@Param('id') id: string, @Param('year') yearText: string, @CurrentUser() user: AuthenticatedUser) {
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1900 && year <= 9999)) {
      throw problems.validation([{ field: 'year', constraint: 'isInt', reason: { vi: 'year: phải là một năm (4 chữ số)', en: 'year: must be a year (4 digits)' } }]);
    }
    const view = await this.queries.execute(new GetDecisionQuery(decisionId(id), user.role, {}, scopeOf(user), user.bodyId));
    const followUp = evaluationFollowUp(view, year);
    if (!followUp) throw problems.notFound({ vi: `Hồ sơ ${view.id} chưa có kết quả đánh giá năm ${year}.`, en: `Decision ${view.id} has no evaluation of ${year}.` });
    return { decisionId: view.id, ...followUp, href: followUp.command ? `/api/v1/decisions/${view.id}/${followUp.command}` : null };
  }

  @Get(':id/events')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiOperation({ summary: 'Lịch sử sự kiện / the full event history' })
  @ApiParam({ name: 'id', format: 'uuid' })
  events(@Param('id') id: string) {
    return this.queries.execute(new GetDecisionEventsQuery(decisionId(id)));
  }

  @Get(':id/compare')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiOperation({
    summary: 'So sánh hai phiên bản / compare two versions of a decision (what changed between revision rounds)',
    description: 'Dựng lại hồ sơ tại hai phiên bản (`from`, `to`) hoặc hai thời điểm (`fromAt`, `toAt`; thiếu `to` là hiện tại) và liệt kê '
      + 'các thay đổi về nội dung và hồ sơ ghi nhận: trường thêm, bỏ, đổi. Mảng chuỗi (điều kiện, căn cứ pháp lý, nhiệm vụ) so sánh như tập hợp; '
      + 'mảng khác so sánh theo vị trí. / Folds the decision at two versions (`from`, `to`) or instants (`fromAt`, `toAt`; no `to` = now) and '
      + 'lists what changed in its content and records: fields added, removed, changed. Arrays of strings (conditions, legal bases, powers) '
      + 'are compared as sets; other arrays by index.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    description: '`{ decisionId, from: { version, stage, asOf }, to: { version, stage, asOf }, changes: [{ path, kind: added|removed|changed, before?, after?, added?, removed? }] }`; '
      + '400 tham số sai / bad parameters; 404 ngoài luồng sự kiện / beyond the stream',
  })
  compare(@Param('id') id: string, @Query() q: CompareVersionsRequest) {
    const { from, to } = compareEnds(q);
    return this.queries.execute(new CompareVersionsQuery(decisionId(id), from, to));
  }

  /** Every action route of DECISION_ACTIONS comes here with its validated body (see below). */
  async runAction(
    action: HttpDecisionCommand, id: string, body: object, user: AuthenticatedUser, headers: CommandHeaderValues, res: Response,
  ): Promise<CommandResult & { followUp?: { command: 'amend' | 'revoke'; href: string } }> {
    // The table's `satisfies` typed each toCommand for its command; looked up by name, the pairing is the table's.
    const { toCommand } = DECISION_ACTIONS[action] as DecisionAction<object, CommandData<HttpDecisionCommand>>;
    const result = await this.commands.execute(
      new ExecuteDecisionCommand(decisionId(id), commandInput(action, user, toCommand(body)), { ...headers, provinceId: user.provinceId, scope: scopeOf(user) }),
    );
    res.setHeader('ETag', etag(result.version));
    // A recommendation to amend or revoke opens that proposal: where to read it pre-filled.
    const recommendation = action === 'record-evaluation' ? (body as A.RecordEvaluationRequest).recommendation : undefined;
    if (recommendation === 'amend' || recommendation === 'revoke') {
      const { year } = body as A.RecordEvaluationRequest;
      return { ...result, followUp: { command: recommendation, href: `/api/v1/decisions/${result.decisionId}/evaluations/${year}/follow-up` } };
    }
    return result;
  }
}

/**
 * One route per action of DECISION_ACTIONS, `POST /api/v1/decisions/{id}/<command>`, built from the
 * table instead of written out by hand: each with its request class (so the ValidationPipe and the
 * OpenAPI document know the body), its permission and its documentation.
 */
for (const [command, a] of Object.entries(DECISION_ACTIONS) as Array<[HttpDecisionCommand, DecisionAction]>) {
  const proto = DecisionsController.prototype as unknown as Record<string, unknown>;
  const key = `action:${command}`;
  proto[key] = function (this: DecisionsController, id: string, body: object, user: AuthenticatedUser, headers: CommandHeaderValues, res: Response) {
    return this.runAction(command, id, body, user, headers, res);
  };
  Param('id')(proto, key, 0);
  Body()(proto, key, 1);
  CurrentUser()(proto, key, 2);
  CommandHeaders()(proto, key, 3);
  Res({ passthrough: true })(proto, key, 4);
  Reflect.defineMetadata('design:paramtypes', [String, a.request, Object, Object, Object], proto, key);
  Reflect.defineMetadata('design:returntype', Promise, proto, key);
  const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
  // The request body and a unique operation id in the OpenAPI document (the method key is not a name).
  const operationId = `DecisionsController_${command.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`;
  applyDecorators(
    Post(`:id/${command}`), HttpCode(200), ActionDocs(command), ApiOperation({ summary: a.summary, operationId }), ApiBody({ type: a.request }),
  )(proto, key, descriptor);
}
