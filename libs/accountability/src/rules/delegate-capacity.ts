import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { finding, isSubmitted } from '../domain/support.js';

/**
 * The delegate's record over the last 12 months: the share of its stages finished late and reports filed
 * late or missing. Above the threshold the body is not shown to have the capacity for more powers.
 */
export const DELEGATE_CAPACITY: AccountabilityRule = {
  id: 'delegate-capacity',
  version: 1,
  source: 'Kế hoạch triển khai Nghị quyết 04/NQ-CP (seed 001) mục I.2: phù hợp với năng lực, nguồn lực của cơ quan, đơn vị được phân cấp; Luật 72/2025/QH15, Điều 14',
  message: {
    vi: 'Cơ quan được phân cấp, ủy quyền có tỷ lệ chậm hạn cao; cần đánh giá lại năng lực, nguồn lực trước khi giao thêm.',
    en: 'The delegate is late too often; its capacity and resources should be reassessed.',
  },
  appliesTo: isSubmitted,
  evaluate(ctx: CheckContext): Finding[] {
    const { stagesFinished, stagesLate, reportsDue, reportsLate } = ctx.delegateRecord;
    const denominator = stagesFinished + reportsDue;
    if (denominator <= 0) return [];
    const ratio = (stagesLate + reportsLate) / denominator;
    if (!(ratio > ctx.settings.capacityThreshold)) return [];
    return [
      finding(DELEGATE_CAPACITY, 'capacity', 'warning', {
        delegateBodyId: ctx.decision.content.delegateBodyId,
        ratio: Math.round(ratio * 1000) / 1000,
        threshold: ctx.settings.capacityThreshold,
        ...ctx.delegateRecord,
      }),
    ];
  },
};
