import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { problems } from '@app/kernel';
import { renderReportDocx, renderReportPdf, renderReportXlsx, YearlyEvaluations, yearlyView } from '@app/reporting';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { formatOf, MIME, type Format } from './quarterly-reports.controller.js';

export class YearlyEvaluationRequest {
  @ApiPropertyOptional({ enum: ['json', 'pdf', 'docx', 'xlsx'], description: 'Định dạng / format (or the Accept header); JSON by default' })
  @IsOptional() @IsIn(['json', 'pdf', 'docx', 'xlsx'])
  format?: Format;
}

/** The yearly evaluation report ("Định kỳ hằng năm, tổ chức đánh giá nội dung phân cấp, ủy quyền", seed 000, task 7). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports/yearly-evaluations')
export class YearlyEvaluationsController {
  constructor(private readonly evaluations: YearlyEvaluations) {}

  @Get(':year')
  @RequirePermission('reports:read')
  @ApiParam({ name: 'year', example: 2026, description: 'Năm đánh giá / the year evaluated (1990–2199)' })
  @ApiProduces('application/json', MIME.pdf, MIME.docx, MIME.xlsx)
  @ApiOperation({
    summary: 'Báo cáo đánh giá hằng năm / the yearly evaluation report of your province: each delegation in effect, summed per sector and per body',
  })
  @ApiOkResponse({ description: 'YearlyEvaluationDocument (JSON) or the file' })
  async get(
    @Param('year') yearText: string,
    @Query() q: YearlyEvaluationRequest,
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1990 && year <= 2199)) {
      throw problems.validation([{ field: 'year', constraint: 'isInt', reason: { vi: 'year: phải là năm từ 1990 đến 2199', en: 'year: must be a year from 1990 to 2199' } }]);
    }
    const format = formatOf(q, req);
    const doc = await this.evaluations.build(user.provinceId, year, user.bodyId);
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') return doc;
    const view = yearlyView(doc);
    const file = format === 'pdf' ? await renderReportPdf(view) : format === 'docx' ? await renderReportDocx(view) : await renderReportXlsx(view);
    return new StreamableFile(file, {
      type: MIME[format],
      disposition: `attachment; filename="danh-gia-nam-${doc.content.provinceId}-${year}.${format}"`,
      length: file.length,
    });
  }
}
