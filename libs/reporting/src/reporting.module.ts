import { Module } from '@nestjs/common';
import { DelegationModule } from '@app/delegation';
import { QuarterlyReports } from './application/quarterly-reports.js';
import { ProvinceSnapshots } from './application/province-snapshots.js';
import { ReportNames } from './application/report-names.js';
import { YearlyEvaluations } from './application/yearly-evaluations.js';

/** The reports the provincial plans ask for: the quarterly consolidation and the timeliness figures. */
@Module({
  imports: [DelegationModule],
  providers: [QuarterlyReports, ReportNames, ProvinceSnapshots, YearlyEvaluations],
  exports: [QuarterlyReports, YearlyEvaluations],
})
export class ReportingModule {}
