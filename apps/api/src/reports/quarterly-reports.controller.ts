import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { problems } from '@app/kernel';
import {
  parsePeriod, QuarterlyReports, quarterlyView, renderReportDocx, renderReportPdf, renderReportXlsx, type QuarterlyDocument, type Quarter,
} from '@app/reporting';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { CommandHeaderDocs, CommandHeaders, type CommandHeaderValues } from '../common/command-headers.js';

const PERIOD = /^\d{4}-Q[1-4]$/;
const PERIOD_DOC = 'Quý / quarter, "YYYY-Qn" (e.g. 2026-Q1: số liệu / data 15/12/2025 – 14/03/2026, Nghị định 09/2019/NĐ-CP Điều 12)';

export class CompileQuarterlyRequest {
  @ApiProperty({ example: '2026-Q1', description: PERIOD_DOC })
  @IsString() @Matches(PERIOD, { message: 'period must be YYYY-Qn (e.g. 2026-Q1)' })
  period: string;

  @ApiPropertyOptional({ example: '45/BC-VPUBND', description: 'Số, ký hiệu văn bản / the document number (from the office\'s register)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(60)
  documentNumber?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An', description: 'Người ký / signer' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  signer?: string;

  @ApiPropertyOptional({ type: [String], description: 'Nơi nhận / recipients (default: UBND tỉnh, Sở Nội vụ, các sở, Lưu: VT)' })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true })
  recipients?: string[];
}

export class ListQuarterlyRequest {
  @ApiPropertyOptional({ example: 2026, description: 'Năm / year' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1990) @Max(2199)
  year?: number;
}

export class GetQuarterlyRequest {
  @ApiPropertyOptional({ enum: ['json', 'pdf', 'docx', 'xlsx'], description: 'Định dạng / format (or the Accept header); JSON by default' })
  @IsOptional() @IsIn(['json', 'pdf', 'docx', 'xlsx'])
  format?: Format;

  @ApiPropertyOptional({ description: 'Bản / edition (default: the latest)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  edition?: number;
}

export type Format = 'json' | 'pdf' | 'docx' | 'xlsx';
export const MIME: Record<Exclude<Format, 'json'>, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function quarterOf(period: string): Quarter {
  const q = parsePeriod(period);
  if (!q) {
    throw problems.validation([{
      field: 'period', constraint: 'matches',
      reason: { vi: 'period: phải có dạng YYYY-Qn (ví dụ 2026-Q1)', en: 'period: must be YYYY-Qn (e.g. 2026-Q1)' },
    }]);
  }
  return q;
}

/** ?format= first, then the Accept header (the first of the report's types it names), then JSON. */
export function formatOf(q: { format?: Format }, req: Request): Format {
  if (q.format) return q.format;
  const accept = req.header('accept') ?? '';
  const named = (Object.entries(MIME) as Array<[Format, string]>).map(([f, m]) => [f, accept.indexOf(m)] as const).filter(([, i]) => i >= 0);
  return named.sort((a, b) => a[1] - b[1])[0]?.[0] ?? 'json';
}

/**
 * The quarterly consolidated report of the caller's province (Kế hoạch 7781/KH-UBND: agencies report
 * before the 15th of the quarter's last month, the office consolidates before the 20th).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports/quarterly')
export class QuarterlyReportsController {
  constructor(private readonly reports: QuarterlyReports) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('reports:compile')
  @CommandHeaderDocs()
  @ApiOperation({
    summary: 'Lập báo cáo tổng hợp quý / compile the quarterly consolidated report of your province',
    description: 'Ghi sự kiện QuarterlyReportCompiled với mã băm nội dung; mỗi lần lập là một bản mới. / '
      + 'Appends QuarterlyReportCompiled with the content hash; each compilation is a new edition.',
  })
  async compile(@Body() body: CompileQuarterlyRequest, @CurrentUser() user: AuthenticatedUser, @CommandHeaders() headers: CommandHeaderValues) {
    const quarter = quarterOf(body.period);
    const { edition, content, duplicate } = await this.reports.compile({
      provinceId: user.provinceId, quarter, actor: { userId: user.userId, role: user.role, bodyId: user.bodyId },
      documentNumber: body.documentNumber, signer: body.signer, recipients: body.recipients, commandId: headers.commandId,
    });
    return { ...edition, duplicate, summary: summaryOf(content) };
  }

  @Get()
  @RequirePermission('reports:read')
  @ApiOperation({ summary: 'Các báo cáo quý đã lập / the quarterly reports compiled for your province, every edition' })
  async list(@Query() q: ListQuarterlyRequest, @CurrentUser() user: AuthenticatedUser) {
    return { items: await this.reports.list(user.provinceId, { year: q.year }) };
  }

  @Get(':period/timeliness')
  @RequirePermission('reports:read')
  @ApiParam({ name: 'period', description: PERIOD_DOC, example: '2026-Q1' })
  @ApiOperation({
    summary: 'Chỉ số đúng hạn của một quý (theo tinh thần QĐ 766/QĐ-TTg) / the timeliness indicators of a quarter, now',
    description: 'Mỗi chỉ số kèm công thức, tử số và mẫu số; theo cơ quan và theo cán bộ. / Each indicator with its formula, numerator and denominator; per body and per official.',
  })
  async timeliness(@Param('period') period: string, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.timeliness(user.provinceId, quarterOf(period));
  }

  @Get(':period')
  @RequirePermission('reports:read')
  @ApiParam({ name: 'period', description: PERIOD_DOC, example: '2026-Q1' })
  @ApiProduces('application/json', MIME.pdf, MIME.docx, MIME.xlsx)
  @ApiOperation({
    summary: 'Một báo cáo quý / one quarterly report, as JSON, PDF, DOCX or XLSX (?format= or Accept)',
    description: 'Nội dung được tính lại từ vị trí nhật ký đã ghi; `reproduced` cho biết mã băm có trùng với bản đã ghi. / '
      + 'The content is computed again from the recorded log position; `reproduced` says whether its hash matches the recorded one.',
  })
  @ApiOkResponse({ description: 'QuarterlyDocument (JSON) or the file' })
  @ApiNotFoundResponse({ description: 'Chưa lập báo cáo quý này / no report compiled for this quarter' })
  async get(
    @Param('period') period: string,
    @Query() q: GetQuarterlyRequest,
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const quarter = quarterOf(period);
    const format = formatOf(q, req);
    const doc = await this.reports.get(user.provinceId, quarter, q.edition);
    if (!doc) {
      throw problems.notFound({
        vi: `Chưa lập báo cáo quý ${period}${q.edition ? ` (bản ${q.edition})` : ''} của tỉnh.`,
        en: `No report has been compiled for ${period}${q.edition ? ` (edition ${q.edition})` : ''} in your province.`,
      });
    }
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Hash', doc.edition.contentHash);
    if (format === 'json') return doc;
    const view = quarterlyView(doc);
    const file = format === 'pdf' ? await renderReportPdf(view) : format === 'docx' ? await renderReportDocx(view) : await renderReportXlsx(view);
    return new StreamableFile(file, {
      type: MIME[format],
      disposition: `attachment; filename="bao-cao-quy-${doc.content.provinceId}-${doc.content.period}-ban-${doc.edition.edition}.${format}"`,
      length: file.length,
    });
  }
}

function summaryOf(c: QuarterlyDocument['content']) {
  return {
    delegations: c.delegations.length,
    reports: c.timeliness.reports,
    findingsOpened: c.findings.opened.length,
    findingsResolved: c.findings.resolved.length,
    issued: c.decisions.issued.length,
    amended: c.decisions.amended.length,
    revoked: c.decisions.revoked.length,
    stagesOnTime: c.timeliness.stages.onTime,
  };
}
