import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { byId, finding, intervalOf, isLive, isSubmitted, overlaps, shared, validityOf, type Interval } from '../domain/support.js';

const dated = (i: Interval) => i.from !== null;

const POSSIBLE = {
  vi: 'Nhiệm vụ, quyền hạn này đã được đề xuất hoặc giao cho cơ quan khác; khi xác định ngày hiệu lực, hai thời hạn có thể trùng nhau.',
  en: 'This power is proposed for, or held by, another body; once the effective dates are set, the two periods may overlap.',
};
const DUPLICATE = {
  vi: 'Nhiệm vụ, quyền hạn này đã được ủy quyền cho cùng cơ quan trong thời gian trùng lặp theo một quyết định khác.',
  en: 'This power is already authorised to the same body for overlapping days by another decision.',
};

/**
 * Another delegation (proposed past submission, approved or in effect) gives one of the same powers to a
 * different body in the same province for days that overlap this one: two holders of one power. While
 * either side has no effective date yet (a proposal), the periods can only possibly overlap: a warning
 * under its own key (`possible-overlap:`), which resolves into the violation (`overlap:`) once both are
 * dated and overlap, or goes once they do not. Two ủy quyền of one power to the SAME delegate over
 * overlapping days are a duplicate (`duplicate:`): a warning, not a second holder.
 */
export const ONE_POWER_ONE_HOLDER: AccountabilityRule = {
  id: 'one-power-one-holder',
  version: 2,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 11 khoản 2 (không chồng chéo nhiệm vụ, quyền hạn)',
  message: {
    vi: 'Một nhiệm vụ, quyền hạn không được phân cấp, ủy quyền cho hai cơ quan trên cùng địa bàn trong cùng thời gian.',
    en: 'One power must not be delegated to two bodies for the same territory and period.',
  },
  appliesTo: isSubmitted,
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const mine = validityOf(d);
    const province = ctx.bodies[d.content.delegateBodyId]?.provinceId ?? ctx.bodies[d.content.delegatorBodyId]?.provinceId;
    const out: Finding[] = [];
    for (const o of byId(ctx.others)) {
      if (o.id === d.id || !isLive(o)) continue;
      const otherProvince = ctx.bodies[o.delegateBodyId]?.provinceId;
      if (province !== undefined && otherProvince !== undefined && province !== otherProvince) continue;
      const theirs = intervalOf(o);
      if (!overlaps(mine, theirs)) continue;
      const known = dated(mine) && dated(theirs);
      const sameDelegate = o.delegateBodyId === d.content.delegateBodyId;
      if (sameDelegate && !(known && d.kind === 'uy-quyen' && o.kind === 'uy-quyen')) continue;
      const details = (powerId: string) => ({
        otherId: o.id, powerId, otherDelegateBodyId: o.delegateBodyId, otherStage: o.stage, otherValidFrom: o.validFrom, otherValidTo: o.validTo,
      });
      for (const powerId of shared(d.content.powerIds, o.powerIds)) {
        out.push(
          sameDelegate
            ? finding(ONE_POWER_ONE_HOLDER, `duplicate:${o.id}:${powerId}`, 'warning', details(powerId), DUPLICATE)
            : known
              ? finding(ONE_POWER_ONE_HOLDER, `overlap:${o.id}:${powerId}`, 'violation', details(powerId))
              : finding(ONE_POWER_ONE_HOLDER, `possible-overlap:${o.id}:${powerId}`, 'warning', details(powerId), POSSIBLE),
        );
      }
    }
    return out;
  },
};
