import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiPropertyOptional, ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { EvidencePackService } from '@app/audit';
import type { EvidenceFormat } from '@app/audit';
import { renderEvidencePdf } from '@app/audit';
import { evidenceFileName } from '@app/audit';

export class EvidencePackRequest {
  @ApiPropertyOptional({ enum: ['pdf', 'json'], default: 'pdf', description: 'Định dạng / format: PDF (mặc định / default) hoặc / or JSON' })
  @IsOptional() @IsIn(['pdf', 'json'])
  format?: EvidenceFormat;
}

/** The auditors' evidence pack of one decision, as a PDF or the same content as JSON. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/decisions')
export class EvidenceController {
  constructor(private readonly packs: EvidencePackService) {}

  @Get(':id/evidence-pack')
  @RequirePermission('history:verify', { decision: 'id' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf', 'application/json')
  @ApiOperation({
    summary: 'Hồ sơ chứng cứ của một hồ sơ quyết định / the evidence pack of one decision (PDF or JSON)',
    description:
      'Một tài liệu tải về gồm: nội dung hiện hành; toàn bộ diễn biến bằng tiếng Việt (ai, vai trò, cơ quan, khi nào, việc gì); '
      + 'kết quả thẩm định, thẩm định pháp lý, biểu quyết HĐND hoặc quyết định UBND; ban hành, sửa đổi, bãi bỏ; các phát hiện kiểm tra và kết quả xử lý; '
      + 'tài liệu tham chiếu với mã băm nội dung; kết quả kiểm tra toàn vẹn chuỗi băm của luồng sự kiện cùng các mã băm đã kiểm tra. '
      + 'Chỉ Thanh tra và Quản trị (quyền history:verify); hồ sơ ngoài phạm vi trả 404. / '
      + 'One downloadable document: the current content; the full timeline in Vietnamese (who, role, body, when, what); the appraisal, '
      + "legal appraisal, People's Council vote or People's Committee decision; issuance, amendments, revocation; the accountability findings "
      + 'and their resolution; the referenced documents with their content hashes; the verification of the stream against the hash chain '
      + 'with the hashes it checked. Auditors and admins only (history:verify); a decision outside your scope is 404.',
  })
  @ApiOkResponse({
    description: '`application/pdf` (mặc định / default; `Content-Disposition: attachment; filename="evidence-<id>.pdf"`) '
      + 'hoặc / or `application/json` với `?format=json` (EvidencePack: decision, timeline, appraisal, legalAppraisal, councilVote, '
      + 'decisionByCommittee, issuance, amendments, revocation, findings, documents, verification, generatedAt, generatedBy)',
  })
  @ApiNotFoundResponse({ description: 'Không có hồ sơ hoặc ngoài phạm vi / no such decision, or outside your scope' })
  async evidencePack(
    @Param('id') id: string,
    @Query() q: EvidencePackRequest,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const format: EvidenceFormat = q.format ?? 'pdf';
    const pack = await this.packs.build(id, { userId: user.userId, displayName: user.displayName, role: user.role });
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') {
      res.setHeader('Content-Disposition', `attachment; filename="${evidenceFileName(pack.decisionId, 'json')}"`);
      return pack;
    }
    const pdf = await renderEvidencePdf(pack);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${evidenceFileName(pack.decisionId, 'pdf')}"`,
      length: pdf.length,
    });
  }
}
