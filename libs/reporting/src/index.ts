// The public surface of the reports (@app/reporting).
export * from './quarterly/quarter.js';
export * from './quarterly/content.js';
export * from './quarterly/content-hash.js';
export * from './indicators/timeliness.js';
export * from './domain/report-stream.js';
export { QuarterlyReports, DEFAULT_RECIPIENTS, type CompileRequest } from './application/quarterly-reports.js';
export type { QuarterlyDocument } from './application/report-names.js';
export { renderReportPdf } from './render/pdf.js';
export { renderReportDocx } from './render/docx.js';
export { renderReportXlsx } from './render/xlsx.js';
export { quarterlyView, type ReportView } from './render/sections.js';
export * from './yearly/content.js';
export { yearlyView } from './yearly/view.js';
export { YearlyEvaluations, type YearlyEvaluationDocument } from './application/yearly-evaluations.js';
export * from './reporting.module.js';
