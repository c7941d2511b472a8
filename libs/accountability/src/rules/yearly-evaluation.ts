import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { evaluationLateFrom } from '../domain/periods.js';
import { finding, isIssued, overlaps, validityOf } from '../domain/support.js';

/**
 * Every delegation in effect is evaluated once a year (seed 000, task 7): for each calendar year that has
 * ended and during which the delegation was in effect, an evaluation is recorded by 31 January.
 */
export const YEARLY_EVALUATION: AccountabilityRule = {
  id: 'yearly-evaluation',
  version: 1,
  source: 'Đề án phân cấp (seed 000), nhiệm vụ 7: Định kỳ hằng năm, tổ chức đánh giá nội dung phân cấp, ủy quyền quản lý nhà nước',
  message: {
    vi: 'Chưa tổ chức đánh giá hằng năm nội dung phân cấp, ủy quyền.',
    en: 'The yearly evaluation of the delegation has not been recorded.',
  },
  appliesTo: isIssued,
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const validity = validityOf(d);
    if (validity.from === null) return [];
    const evaluated = new Set((d.evaluations ?? []).map((e) => e.year));
    const out: Finding[] = [];
    const thisYear = Number(ctx.today.slice(0, 4));
    for (let year = Number(validity.from.slice(0, 4)); year < thisYear; year++) {
      const lateFrom = evaluationLateFrom(year);
      if (ctx.today < lateFrom || evaluated.has(year)) continue;
      if (!overlaps(validity, { from: `${year}-01-01`, to: `${year + 1}-01-01` })) continue;
      out.push(
        finding(YEARLY_EVALUATION, `evaluation:${year}`, 'violation', { year, dueBy: `${year + 1}-01-31` }, {
          vi: `Chưa ghi nhận kết quả đánh giá năm ${year} (hạn ngày 31/01/${year + 1}).`,
          en: `The evaluation for ${year} has not been recorded (due by ${year + 1}-01-31).`,
        }),
      );
    }
    return out;
  },
};
