import { createHash, randomUUID } from 'node:crypto';
import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { currentWorkflow, type CommandType } from '@app/delegation';
import type { AccessScope } from '@app/identity';
import { commandPermission } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { problems } from '@app/kernel';
import * as A from './actions.dto.js';
import { CompareVersionsQuery, CompareVersionsRequest, compareEnds } from '@app/delegation';
import { ExecuteDecisionCommand, type CommandResult } from '@app/delegation';
import { GetDecisionEventsQuery } from '@app/delegation';
import { GetDecisionQuery } from '@app/delegation';
import { ListDecisionsQuery } from '@app/delegation';
import { etag, parseIdempotencyKey, parseIfMatch } from './http-headers.js';
import { GetDecisionRequest, ListDecisionsRequest } from './queries.dto.js';

/** Idempotency keys are the client's: scoped by user, so two users' keys never collide. */
function commandIdOf(req: Request): string | undefined {
  const key = parseIdempotencyKey(req.header('idempotency-key'));
  return key && `${(req as unknown as { user: AuthenticatedUser }).user.userId}:${key}`;
}

/** A UUID (version 8, RFC 9562 custom) derived from a string by SHA-256. */
function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
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
    RequirePermission(commandPermission(command), { decision: 'id' }),
    ApiParam({ name: 'id', format: 'uuid' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version the client saw, e.g. "3"; a stale one gets 412' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers with the first result' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Recorded in the event metadata' }),
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
    const { kind, ...content } = body;
    const key = parseIdempotencyKey(idempotencyKey);
    // A retried propose must land on the same stream: with a key, the id is derived from it.
    const id = key ? uuidFromKey(`${user.userId}:${key}`) : randomUUID();
    const result = await this.commands.execute(
      new ExecuteDecisionCommand(id, {
        type: 'propose',
        actor: user,
        data: { ...content, decisionId: id, kind, proposerBodyId: user.bodyId, workflowVersion: currentWorkflow(kind).version },
      } as never, { commandId: key && `${user.userId}:${key}` }),
    );
    res.location(`/api/v1/decisions/${result.decisionId}`).setHeader('ETag', etag(result.version));
    return result;
  }

  @Get()
  @RequirePermission('decisions:read')
  @ApiOperation({ summary: 'Danh sách hồ sơ / list decisions, filtered and paginated (only those in your scope)' })
  list(@Query() q: ListDecisionsRequest, @Scope() scope: AccessScope) {
    const { limit, offset, ...filters } = q;
    return this.queries.execute(new ListDecisionsQuery({ ...filters, limit, offset }, scope));
  }

  @Get(':id')
  @RequirePermission('decisions:read', { decision: 'id' })
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
    const view = await this.queries.execute(new GetDecisionQuery(decisionId(id), user.role, { version: q.version, at: q.at }));
    res.setHeader('ETag', etag(view.version));
    return view;
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

  @Post(':id/update-draft')
  @HttpCode(200)
  @ActionDocs('update-draft')
  @ApiOperation({ summary: 'Sửa dự thảo / edit the draft (proposer, stage draft)' })
  updateDraft(@Param('id') id: string, @Body() body: A.UpdateDraftRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'update-draft', body, req, res);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ActionDocs('submit')
  @ApiOperation({ summary: 'Gửi đề xuất / submit the proposal' })
  submit(@Param('id') id: string, @Body() body: A.EmptyRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'submit', body, req, res);
  }

  @Post(':id/assign-reviewer')
  @HttpCode(200)
  @ActionDocs('assign-reviewer')
  @ApiOperation({ summary: 'Phân công thẩm định / assign a reviewer (reviewer lead)' })
  assignReviewer(@Param('id') id: string, @Body() body: A.AssignReviewerRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'assign-reviewer', body, req, res);
  }

  @Post(':id/request-revision')
  @HttpCode(200)
  @ActionDocs('request-revision')
  @ApiOperation({ summary: 'Yêu cầu bổ sung, chỉnh sửa / request a revision' })
  requestRevision(@Param('id') id: string, @Body() body: A.RequestRevisionRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'request-revision', body, req, res);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @ActionDocs('resubmit')
  @ApiOperation({ summary: 'Gửi lại sau chỉnh sửa / resubmit after a revision request' })
  resubmit(@Param('id') id: string, @Body() body: A.ResubmitRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'resubmit', body, req, res);
  }

  @Post(':id/appraise')
  @HttpCode(200)
  @ActionDocs('appraise')
  @ApiOperation({ summary: 'Hoàn thành thẩm định / complete the Sở Nội vụ appraisal' })
  appraise(@Param('id') id: string, @Body() body: A.AppraiseRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'appraise', body, req, res);
  }

  @Post(':id/record-legal-appraisal')
  @HttpCode(200)
  @ActionDocs('record-legal-appraisal')
  @ApiOperation({ summary: 'Ghi nhận thẩm định của Sở Tư pháp / record the legal appraisal (phân cấp)' })
  recordLegalAppraisal(@Param('id') id: string, @Body() body: A.RecordLegalAppraisalRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'record-legal-appraisal', body, req, res);
  }

  @Post(':id/submit-to-council')
  @HttpCode(200)
  @ActionDocs('submit-to-council')
  @ApiOperation({ summary: "Trình HĐND / submit to the People's Council (phân cấp)" })
  submitToCouncil(@Param('id') id: string, @Body() body: A.SubmitToCouncilRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'submit-to-council', body, req, res);
  }

  @Post(':id/record-council-vote')
  @HttpCode(200)
  @ActionDocs('record-council-vote')
  @ApiOperation({ summary: 'Ghi nhận biểu quyết HĐND / record the council vote (phân cấp)' })
  recordCouncilVote(@Param('id') id: string, @Body() body: A.RecordCouncilVoteRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'record-council-vote', body, req, res);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ActionDocs('decide')
  @ApiOperation({ summary: 'UBND quyết định / the committee or its chairman decides (ủy quyền)' })
  decide(@Param('id') id: string, @Body() body: A.DecideRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'decide', body, req, res);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @ActionDocs('issue')
  @ApiOperation({ summary: 'Ban hành / record the issued decision' })
  issue(@Param('id') id: string, @Body() body: A.IssueRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'issue', body, req, res);
  }

  @Post(':id/amend')
  @HttpCode(200)
  @ActionDocs('amend')
  @ApiOperation({ summary: 'Sửa đổi, bổ sung / amend an issued decision' })
  amend(@Param('id') id: string, @Body() body: A.AmendRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'amend', body, req, res);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ActionDocs('revoke')
  @ApiOperation({ summary: 'Thu hồi / revoke an issued decision' })
  revoke(@Param('id') id: string, @Body() body: A.RevokeRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'revoke', body, req, res);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ActionDocs('withdraw')
  @ApiOperation({ summary: 'Rút hồ sơ / withdraw before issuance' })
  withdraw(@Param('id') id: string, @Body() body: A.WithdrawRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'withdraw', body, req, res);
  }

  @Post(':id/expire')
  @HttpCode(200)
  @ActionDocs('expire')
  @ApiOperation({ summary: 'Hết hạn / expire an ủy quyền whose period has ended' })
  expire(@Param('id') id: string, @Body() body: A.EmptyRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'expire', body, req, res);
  }

  @Post(':id/file-report')
  @HttpCode(200)
  @ActionDocs('file-report')
  @ApiOperation({ summary: 'Báo cáo kết quả thực hiện / file the quarterly implementation report (delegate)' })
  fileReport(@Param('id') id: string, @Body() body: A.FileReportRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'file-report', body, req, res);
  }

  @Post(':id/record-evaluation')
  @HttpCode(200)
  @ActionDocs('record-evaluation')
  @ApiOperation({ summary: 'Đánh giá hằng năm / record the yearly evaluation (Sở Nội vụ)' })
  recordEvaluation(@Param('id') id: string, @Body() body: A.RecordEvaluationRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, 'record-evaluation', body, req, res);
  }

  private async run(id: string, type: CommandType, body: object, req: Request, res: Response): Promise<CommandResult> {
    const result = await this.commands.execute(
      new ExecuteDecisionCommand(decisionId(id), { type, actor: (req as unknown as { user: AuthenticatedUser }).user, data: { ...body } } as never, {
        commandId: commandIdOf(req),
        ifMatch: parseIfMatch(req.header('if-match')),
        correlationId: req.header('x-correlation-id')?.slice(0, 200),
      }),
    );
    res.setHeader('ETag', etag(result.version));
    return result;
  }
}
