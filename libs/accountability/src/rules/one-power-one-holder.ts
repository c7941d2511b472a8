import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { byId, finding, intervalOf, isLive, isSubmitted, overlaps, shared, validityOf } from '../domain/support.js';

/**
 * Another delegation (proposed past submission, approved or in effect) gives one of the same powers to a
 * different body in the same province for days that overlap this one: two holders of one power.
 */
export const ONE_POWER_ONE_HOLDER: AccountabilityRule = {
  id: 'one-power-one-holder',
  version: 1,
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
      if (o.id === d.id || !isLive(o) || o.delegateBodyId === d.content.delegateBodyId) continue;
      const otherProvince = ctx.bodies[o.delegateBodyId]?.provinceId;
      if (province !== undefined && otherProvince !== undefined && province !== otherProvince) continue;
      if (!overlaps(mine, intervalOf(o))) continue;
      for (const powerId of shared(d.content.powerIds, o.powerIds)) {
        out.push(
          finding(ONE_POWER_ONE_HOLDER, `overlap:${o.id}:${powerId}`, 'violation', {
            otherId: o.id,
            powerId,
            otherDelegateBodyId: o.delegateBodyId,
            otherStage: o.stage,
            otherValidFrom: o.validFrom,
            otherValidTo: o.validTo,
          }),
        );
      }
    }
    return out;
  },
};
