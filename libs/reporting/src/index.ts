// The public surface of the reports (@app/reporting).
export * from './quarterly/quarter.js';
export * from './quarterly/content.js';
export * from './quarterly/content-hash.js';
export * from './indicators/timeliness.js';
export * from './domain/report-stream.js';
export { QuarterlyReports, DEFAULT_RECIPIENTS, type CompileRequest } from './application/quarterly-reports.js';
export type { QuarterlyDocument } from './application/report-names.js';
export { renderQuarterlyPdf } from './render/pdf.js';
export { renderQuarterlyDocx } from './render/docx.js';
export { renderQuarterlyXlsx } from './render/xlsx.js';
export * from './reporting.module.js';
