import { Injectable } from '@nestjs/common';
import { vietnamDate } from '@app/delegation';
import { Clock } from '@app/kernel';
import { yearlyEvaluationContent, type YearlyEvaluationContent } from '../yearly/content.js';
import { ProvinceSnapshots } from './province-snapshots.js';
import { ReportNames, type ReportNamesOf } from './report-names.js';

export interface YearlyEvaluationDocument extends ReportNamesOf {
  content: YearlyEvaluationContent;
  generatedAt: string;
}

/**
 * The yearly evaluation report of a province: every delegation in effect during the year with the
 * evaluation the Sở Nội vụ recorded for it (or none yet), summed per sector and per delegate body.
 */
@Injectable()
export class YearlyEvaluations {
  constructor(private readonly snapshots: ProvinceSnapshots, private readonly names: ReportNames, private readonly clock: Clock) {}

  async build(provinceId: string, year: number, issuingBodyId: string): Promise<YearlyEvaluationDocument> {
    const generatedAt = this.clock.now().toISOString();
    const content = yearlyEvaluationContent(provinceId, year, vietnamDate(generatedAt), await this.snapshots.of(provinceId, await this.snapshots.now()));
    const bodyIds = content.delegations.map((d) => d.delegateBodyId);
    const names = await this.names.lookup({ provinceId, issuingBodyId, bodyIds, userIds: [] });
    return { content, generatedAt, ...names };
  }
}
