import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChainNotIntactError, type VerifyResult } from '@app/event-store';
import { can, rolesWith } from '@app/identity';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { ProblemException } from '@app/kernel';
import { AuditService } from '@app/audit';

/**
 * The policy's `history:verify`, checked here too (AccessGuard checks it on every route): the controller's own
 * test calls it without the guard.
 */
function assertAuditor(user: AuthenticatedUser | undefined): void {
  if (user && can(user.role, 'history:verify')) return;
  const role = user?.role ?? 'anonymous';
  const allowedRoles = rolesWith('history:verify');
  throw new ProblemException(
    403,
    'role-not-allowed',
    { vi: 'Vai trò không được phép', en: 'Role not allowed' },
    {
      vi: `Vai trò "${role}" không được kiểm tra tính toàn vẹn của nhật ký; vai trò được phép: ${allowedRoles.join(', ')}.`,
      en: `Role "${role}" may not verify the log's integrity; allowed roles: ${allowedRoles.join(', ')}.`,
    },
    { role, allowedRoles, permission: 'history:verify' },
  );
}

const VERIFY_RESULT = 'Kết quả / result: `{ status: "intact", checked, head: { logSeq, logHash, globalPosition }, pending }` hoặc / or '
  + '`{ status: "altered" | "deleted" | "inserted" | "forged", at: { globalPosition, streamId, streamVersion, logSeq? }, expected?, found?, reason, checked }` — vấn đề ĐẦU TIÊN theo thứ tự chuỗi / the FIRST problem in chain order';

const VERIFY_LOG_RESULT = `${VERIFY_RESULT}. Nếu vấn đề đầu tiên nằm ngoài tỉnh của bạn / when the first problem lies outside your province: `
  + '`{ status, elsewhere: true, message: { vi, en }, reason, own }` — không có mã luồng, vị trí hay mã băm của nó; `own` là kết quả kiểm tra '
  + 'từng luồng sự kiện của tỉnh bạn / no stream id, position or hash of it; `own` verifies each of your province\'s streams: '
  + '`{ status: "intact", streams, checked, pending }` or its first problem. Người vận hành hệ thống (`log:verify`) xem kết quả đầy đủ / '
  + 'the national operator (`log:verify`) sees the whole result';

/** Tamper evidence: verify the hash-chained event log, publish and list signed checkpoints. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit/verify')
  @RequirePermission('history:verify')
  @ApiOperation({
    summary: 'Kiểm tra toàn bộ nhật ký sự kiện / verify the whole event log',
    description: 'Tính lại mã băm SHA-256 của từng sự kiện đã được xâu chuỗi và báo "intact" hoặc sự kiện đầu tiên bị sửa, chèn hoặc xóa. '
      + 'Sự kiện chưa được xâu chuỗi (mới ghi) được đếm trong `pending`. Chuỗi băm là của cả nhật ký (mọi tỉnh); vị trí của vấn đề chỉ được '
      + 'báo khi nó thuộc tỉnh của bạn. / Recomputes the SHA-256 chain over every chained event and reports "intact" or the first event '
      + 'altered, inserted or deleted; events not chained yet are counted in `pending`. The chain spans the whole log (every province); '
      + 'where it breaks is reported only when that is in your province.',
  })
  @ApiOkResponse({ description: VERIFY_LOG_RESULT })
  async verifyLog(@CurrentUser() user: AuthenticatedUser) {
    assertAuditor(user);
    return can(user.role, 'log:verify') ? this.audit.verifyLog() : this.audit.verifyLogFor(user.provinceId);
  }

  @Get('decisions/:id/verify')
  @RequirePermission('history:verify', { decision: 'id' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: 'Kiểm tra lịch sử của một hồ sơ / verify one decision\'s history',
    description: 'Kiểm tra chuỗi băm của luồng sự kiện của hồ sơ (phiên bản liên tục, không sửa, không chèn). / '
      + 'Verifies the hash chain of the decision\'s stream (versions contiguous, nothing altered or inserted).',
  })
  @ApiOkResponse({ description: VERIFY_RESULT })
  async verifyDecision(@Param('id') id: string, @CurrentUser() user: AuthenticatedUser) {
    assertAuditor(user);
    return this.audit.verifyStream(id.toLowerCase());
  }

  @Post('audit/checkpoints')
  @HttpCode(201)
  @RequirePermission('history:verify')
  @ApiOperation({
    summary: 'Công bố điểm kiểm tra ngay / publish a checkpoint now',
    description: 'Xâu chuỗi các sự kiện đã ghi, kiểm tra nhật ký rồi ký (Ed25519) mã băm đầu chuỗi vào tệp `checkpoint-<logSeq>.json` '
      + 'trong CHECKPOINT_DIR và gửi e-mail cho AUDITOR_EMAIL. Từ chối (409) nếu nhật ký không toàn vẹn. / Chains what is committed, '
      + 'verifies the log, signs the head hash (Ed25519) into `checkpoint-<logSeq>.json` in CHECKPOINT_DIR and e-mails it to '
      + 'AUDITOR_EMAIL. Refused (409) when the log does not verify. Requests at the same time are served one after another; one '
      + 'that finds the head already signed answers 200 with that checkpoint. / Concurrent requests are serialised; one that finds '
      + 'the head already signed answers 200 with that checkpoint.',
  })
  @ApiCreatedResponse({ description: '`{ checkpoint: { logSeq, globalPosition, logHash, createdAt, signature }, file }`' })
  @ApiOkResponse({ description: 'Đầu chuỗi đã được ký / the head was already signed: the same body, that checkpoint' })
  async publish(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) res?: Response) {
    assertAuditor(user);
    try {
      const { checkpoint, file, published } = await this.audit.publishCheckpoint();
      if (!published) res?.status(200);
      return { checkpoint, file };
    } catch (e) {
      if (e instanceof ChainNotIntactError) {
        const verification = can(user.role, 'log:verify') ? e.result : await this.audit.scopeResult(e.result as VerifyResult, user.provinceId);
        throw new ProblemException(
          409,
          'log-not-intact',
          { vi: 'Nhật ký không toàn vẹn', en: 'Event log not intact' },
          {
            vi: `Nhật ký sự kiện không khớp chuỗi băm (${e.result.status}); không ký điểm kiểm tra.`,
            en: `The event log does not match its hash chain (${e.result.status}); no checkpoint was signed.`,
          },
          { verification },
        );
      }
      if (e instanceof Error && /hash chain is empty/.test(e.message)) {
        throw new ProblemException(409, 'log-empty', { vi: 'Chưa có sự kiện', en: 'Nothing to checkpoint' },
          { vi: 'Chuỗi băm còn trống.', en: 'The hash chain is empty.' });
      }
      throw e;
    }
  }

  @Get('audit/signing-keys')
  @RequirePermission('history:verify')
  @ApiOperation({
    summary: 'Khóa công khai ký sự kiện / the event signing public keys',
    description: 'Mọi khóa Ed25519 từng ký sự kiện khi ghi (khóa hiện hành trước, rồi các khóa đã thay): sự kiện không có chữ ký hợp lệ của '
      + 'một trong các khóa này bị báo "forged". / Every Ed25519 key that ever signed events as they were written (the current one first, '
      + 'then retired ones): an event without a valid signature by one of them is reported "forged".',
  })
  @ApiOkResponse({ description: '`{ items: [{ keyId, publicKey }] }` (publicKey: SPKI PEM)' })
  signingKeys(@CurrentUser() user: AuthenticatedUser) {
    assertAuditor(user);
    return { items: this.audit.kit.eventKeys.publicKeys() };
  }

  @Get('audit/checkpoints')
  @RequirePermission('history:verify')
  @ApiOperation({
    summary: 'Các điểm kiểm tra đã công bố / the published checkpoints',
    description: 'Các tệp trong CHECKPOINT_DIR, mới nhất trước. / The files in CHECKPOINT_DIR, newest first.',
  })
  @ApiOkResponse({ description: '`{ items: [{ file, checkpoint }] }`' })
  async list(@CurrentUser() user: AuthenticatedUser) {
    assertAuditor(user);
    return { items: await this.audit.listCheckpoints() };
  }
}
