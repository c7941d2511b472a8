import { Module } from '@nestjs/common';
import { DelegationModule } from '@app/delegation';
import { QuarterlyReports } from './application/quarterly-reports.js';
import { ReportNames } from './application/report-names.js';

/** The reports the provincial plans ask for: the quarterly consolidation and the timeliness figures. */
@Module({
  imports: [DelegationModule],
  providers: [QuarterlyReports, ReportNames],
  exports: [QuarterlyReports],
})
export class ReportingModule {}
