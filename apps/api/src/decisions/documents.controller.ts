import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DOCUMENT_KIND_IDS, DocumentFiles, documentMaxBytes, type DocumentFile } from '@app/delegation';
import { Clock, problems } from '@app/kernel';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noDecision = (id: string) => problems.notFound({ vi: `Không có hồ sơ quyết định ${id.slice(0, 40)}.`, en: `No decision ${id.slice(0, 40)}.` });
const noFile = () => problems.notFound({ vi: 'Không có tệp này trong hồ sơ.', en: 'No such file in this decision.' });
/** Shown in the browser (a PDF previews, a scan shows); the Office files download. */
const INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * A decision's uploaded files (Tờ trình, Đề án, draft, appraisal report, HĐND resolution, issued
 * decision): upload a new version, list every version, download or preview one.
 */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('api/v1/decisions')
export class DocumentsController {
  constructor(private readonly files: DocumentFiles, private readonly clock: Clock) {}

  @Post(':id/files')
  @HttpCode(201)
  @RequirePermission('decisions:read', { decision: 'id' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: documentMaxBytes() + 1, files: 1, fields: 5, fieldSize: 1000 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object', required: ['kind', 'file'],
      properties: { kind: { type: 'string', enum: DOCUMENT_KIND_IDS }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: 'Tải tệp lên / upload a file of the decision (a new version of its kind, never overwriting)',
    description: 'Loại tệp kiểm tra theo nội dung (PDF, DOC, DOCX, XLSX, PNG, JPEG), tối đa DOCUMENT_MAX_BYTES (20 MB). '
      + 'Trả về SHA-256 để dẫn trong `documents[].contentHash`. / The type is checked by content; answers the SHA-256 to cite in `documents[].contentHash`.',
  })
  @ApiOkResponse({ description: '`{ id, decisionId, kind, kindLabel, version, fileName, mediaType, size, sha256, uploadedBy, uploadedAt }`' })
  async upload(
    @Param('id') id: string,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() body: { kind?: unknown },
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DocumentFile> {
    if (!UUID.test(id)) throw noDecision(id);
    if (!file?.buffer) throw problems.validation([{ field: 'file', constraint: 'required', reason: { vi: 'file: cần một tệp (multipart/form-data)', en: 'file: a file is required (multipart/form-data)' } }]);
    const kind = typeof body?.kind === 'string' ? body.kind : '';
    // multer reads the name as latin1; browsers send UTF-8.
    const fileName = Buffer.from(file.originalname ?? '', 'latin1').toString('utf8');
    return this.files.upload({ decisionId: id.toLowerCase(), kind, fileName, content: file.buffer, actor: { userId: user.userId, role: user.role }, now: this.clock.now() });
  }

  @Get(':id/files')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Các tệp của hồ sơ / every version of every file, by kind' })
  @ApiOkResponse({ description: '`{ items: [{ id, kind, kindLabel, version, fileName, mediaType, size, sha256, uploadedBy, uploadedAt }] }`' })
  async list(@Param('id') id: string): Promise<{ items: DocumentFile[] }> {
    if (!UUID.test(id)) throw noDecision(id);
    return { items: await this.files.list(id.toLowerCase()) };
  }

  @Get(':id/files/:file')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'file', format: 'uuid' })
  @ApiOperation({ summary: 'Tải về, xem trước / download a file (PDF and images inline, for preview)' })
  async download(@Param('id') id: string, @Param('file') fileId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (!UUID.test(id)) throw noDecision(id);
    if (!UUID.test(fileId)) throw noFile();
    const meta = await this.files.get(id.toLowerCase(), fileId.toLowerCase());
    const bytes = meta && (await this.files.content(meta));
    if (!meta || !bytes) throw noFile();
    res.setHeader('ETag', `"${meta.sha256}"`);
    res.setHeader('X-Content-SHA256', meta.sha256);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(bytes, {
      type: meta.mediaType,
      length: bytes.length,
      disposition: `${INLINE.has(meta.mediaType) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`,
    });
  }
}
