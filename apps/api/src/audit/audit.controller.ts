import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ChainNotIntactError } from '@app/event-store';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { ProblemException } from '@app/kernel';
import { AuditService } from '@app/audit';

const AUDIT_ROLES = ['auditor', 'admin'];

/** Auditors (Thanh tra) and admins only. TODO(policy): AccessGuard's 'history:verify' already says so; drop this then. */
function assertAuditor(user: AuthenticatedUser | undefined): void {
  if (user && AUDIT_ROLES.includes(user.role)) return;
  const role = user?.role ?? 'anonymous';
  throw new ProblemException(
    403,
    'role-not-allowed',
    { vi: 'Vai trò không được phép', en: 'Role not allowed' },
    {
      vi: `Vai trò "${role}" không được kiểm tra tính toàn vẹn của nhật ký; vai trò được phép: ${AUDIT_ROLES.join(', ')}.`,
      en: `Role "${role}" may not verify the log's integrity; allowed roles: ${AUDIT_ROLES.join(', ')}.`,
    },
    { role, allowedRoles: AUDIT_ROLES },
  );
}

const VERIFY_RESULT = 'Kết quả / result: `{ status: "intact", checked, head: { logSeq, logHash, globalPosition }, pending }` hoặc / or '
  + '`{ status: "altered" | "deleted" | "inserted", at: { globalPosition, streamId, streamVersion, logSeq? }, expected?, found?, reason, checked }` — vấn đề ĐẦU TIÊN theo thứ tự chuỗi / the FIRST problem in chain order';

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
      + 'Sự kiện chưa được xâu chuỗi (mới ghi) được đếm trong `pending`. / Recomputes the SHA-256 chain over every chained event and reports '
      + '"intact" or the first event altered, inserted or deleted; events not chained yet are counted in `pending`.',
  })
  @ApiOkResponse({ description: VERIFY_RESULT })
  async verifyLog(@CurrentUser() user: AuthenticatedUser) {
    assertAuditor(user);
    return this.audit.verifyLog();
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
      + 'AUDITOR_EMAIL. Refused (409) when the log does not verify.',
  })
  @ApiCreatedResponse({ description: '`{ checkpoint: { logSeq, globalPosition, logHash, createdAt, signature }, file }`' })
  async publish(@CurrentUser() user: AuthenticatedUser) {
    assertAuditor(user);
    try {
      const { checkpoint, file } = await this.audit.publishCheckpoint();
      return { checkpoint, file };
    } catch (e) {
      if (e instanceof ChainNotIntactError) {
        throw new ProblemException(
          409,
          'log-not-intact',
          { vi: 'Nhật ký không toàn vẹn', en: 'Event log not intact' },
          {
            vi: `Nhật ký sự kiện không khớp chuỗi băm (${e.result.status}); không ký điểm kiểm tra.`,
            en: `The event log does not match its hash chain (${e.result.status}); no checkpoint was signed.`,
          },
          { verification: e.result },
        );
      }
      if (e instanceof Error && /hash chain is empty/.test(e.message)) {
        throw new ProblemException(409, 'log-empty', { vi: 'Chưa có sự kiện', en: 'Nothing to checkpoint' },
          { vi: 'Chuỗi băm còn trống.', en: 'The hash chain is empty.' });
      }
      throw e;
    }
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
