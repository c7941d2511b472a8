import type { DecisionState } from '@app/delegation';
import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { daysBetween, finding, isIssued } from '../domain/support.js';

/**
 * An issued ủy quyền close to the end of its period (info, key "ending"), or past it and not yet recorded
 * as expired (warning, key "overdue-expiry": the worker expires it; the finding records the gap).
 */
export const UY_QUYEN_ENDING: AccountabilityRule = {
  id: 'uy-quyen-ending',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 14 (thời hạn ủy quyền); Bộ luật Dân sự 2015 Điều 147–148',
  message: {
    vi: 'Ủy quyền sắp hết hoặc đã hết thời hạn.',
    en: 'The authorisation is about to end or has ended.',
  },
  appliesTo: (d: DecisionState) => d.kind === 'uy-quyen' && isIssued(d),
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const end = d.issuance?.effectiveTo ?? d.content.period?.to;
    if (!end) return [];
    const daysLeft = daysBetween(ctx.today, end);
    if (daysLeft < 0) {
      return [
        finding(UY_QUYEN_ENDING, 'overdue-expiry', 'warning', { periodEnd: end, daysPast: -daysLeft }, {
          vi: `Thời hạn ủy quyền đã kết thúc ngày ${end} nhưng chưa được ghi nhận hết hiệu lực.`,
          en: `The authorisation period ended on ${end} but the expiry has not been recorded.`,
        }),
      ];
    }
    if (daysLeft > ctx.settings.expiryWarningDays) return [];
    return [
      finding(UY_QUYEN_ENDING, 'ending', 'info', { periodEnd: end, daysLeft }, {
        vi: `Ủy quyền hết thời hạn vào ngày ${end} (còn ${daysLeft} ngày); cần xem xét gia hạn hoặc kết thúc.`,
        en: `The authorisation ends on ${end} (${daysLeft} days left); decide whether to extend it.`,
      }),
    ];
  },
};
