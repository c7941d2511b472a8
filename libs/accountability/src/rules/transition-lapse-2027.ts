import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { addDays, contains, finding, isIssued, validityOf } from '../domain/support.js';

/** District-level bodies ceased on this day; delegations in effect before it were made under the old order. */
export const TWO_LEVEL_GOVERNMENT_FROM = '2025-07-01';
/** Interim instruments lapse by this day (Luật 72/2025/QH15 Điều 54). */
export const TRANSITION_LAPSES_ON = '2027-03-01';

/**
 * A delegation that took effect before 1/7/2025 and still runs past 1/3/2027 lapses then: warning from
 * settings.transitionWarningDays before (key "lapse-approaching"), violation from that day (key "lapsed").
 */
export const TRANSITION_LAPSE_2027: AccountabilityRule = {
  id: 'transition-lapse-2027',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 54 (quy định chuyển tiếp): văn bản ban hành trong giai đoạn chuyển tiếp hết hiệu lực chậm nhất ngày 01/3/2027',
  message: {
    vi: 'Quyết định phân cấp, ủy quyền ban hành trước khi tổ chức chính quyền địa phương 02 cấp hết hiệu lực chậm nhất ngày 01/3/2027; cần ban hành văn bản thay thế.',
    en: 'A delegation made before the two-level local government lapses by 1 March 2027; a replacement must be issued.',
  },
  appliesTo: isIssued,
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const validity = validityOf(d);
    const from = d.issuance?.effectiveFrom;
    if (!from || from >= TWO_LEVEL_GOVERNMENT_FROM || !contains(validity, ctx.today)) return [];
    // A term that ends (last day) before 1/3/2027 lapses by itself.
    if (validity.to !== null && validity.to <= TRANSITION_LAPSES_ON) return [];
    const details = { effectiveFrom: from, lapsesOn: TRANSITION_LAPSES_ON };
    if (ctx.today >= TRANSITION_LAPSES_ON) {
      return [
        finding(TRANSITION_LAPSE_2027, 'lapsed', 'violation', details, {
          vi: 'Quyết định ban hành trong giai đoạn chuyển tiếp đã hết hiệu lực từ ngày 01/3/2027 nhưng vẫn được ghi nhận là đang có hiệu lực.',
          en: 'This transition-era delegation lapsed on 1 March 2027 but is still recorded as in effect.',
        }),
      ];
    }
    if (ctx.today >= addDays(TRANSITION_LAPSES_ON, -ctx.settings.transitionWarningDays)) {
      return [finding(TRANSITION_LAPSE_2027, 'lapse-approaching', 'warning', details)];
    }
    return [];
  },
};
