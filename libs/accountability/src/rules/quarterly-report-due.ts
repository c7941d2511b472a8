import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { nextQuarter, quarterLabel, quarterOf, reportDueDate, reportWindow } from '../domain/periods.js';
import { finding, isIssued, validityOf } from '../domain/support.js';

/**
 * While in effect the delegate reports each quarter "trước ngày 15 tháng cuối quý" (seed 003). A quarter
 * is owed when the delegation ran during its reporting window (15th of the month before the quarter to
 * the 14th of its last month, Nghị định 09/2019/NĐ-CP Điều 12); a report not filed by the 15th is a finding.
 */
export const QUARTERLY_REPORT_DUE: AccountabilityRule = {
  id: 'quarterly-report-due',
  version: 1,
  source: 'Kế hoạch 7781/KH-UBND (seed 003): định kỳ trước ngày 15 tháng cuối quý báo cáo kết quả thực hiện; Nghị định 09/2019/NĐ-CP Điều 12',
  message: {
    vi: 'Chưa nộp báo cáo kết quả thực hiện quý đúng hạn (trước ngày 15 tháng cuối quý).',
    en: 'A quarterly implementation report was not filed on time (before the 15th of the last month of the quarter).',
  },
  appliesTo: isIssued,
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const validity = validityOf(d);
    if (validity.from === null) return [];
    const filed = new Set((d.reports ?? []).map((r) => r.period));
    const out: Finding[] = [];
    // At most 400 quarters (a century): a guard against bad dates, never reached in practice.
    for (let q = quarterOf(validity.from), i = 0; i < 400; q = nextQuarter(q), i++) {
      const due = reportDueDate(q);
      if (ctx.today < due) break;
      const window = reportWindow(q);
      const ranInWindow = validity.from < window.to && (validity.to === null || validity.to > window.from);
      const period = quarterLabel(q);
      if (!ranInWindow || filed.has(period)) continue;
      out.push(
        finding(QUARTERLY_REPORT_DUE, `report:${period}`, 'violation', { period, dueBefore: due, window }, {
          vi: `Chưa nộp báo cáo kết quả thực hiện quý ${q.quarter}/${q.year} (hạn trước ngày ${due.slice(8, 10)}/${due.slice(5, 7)}/${q.year}).`,
          en: `The implementation report for ${period} has not been filed (due before ${due}).`,
        }),
      );
    }
    return out;
  },
};
