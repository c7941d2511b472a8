import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { byId, finding, intervalOf, isSubmitted, overlaps, shared, validityOf } from '../domain/support.js';

/**
 * A body that received a power by phân cấp or ủy quyền (an issued delegation whose delegate is this
 * decision's delegator, running at the same time) does not delegate it onwards.
 */
export const NO_PASS_ON: AccountabilityRule = {
  id: 'no-pass-on',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13 khoản 4 và Điều 14 khoản 5',
  message: {
    vi: 'Nhiệm vụ, quyền hạn đã nhận do phân cấp, ủy quyền không được phân cấp, ủy quyền tiếp.',
    en: 'A power received by decentralisation or authorisation must not be delegated onwards.',
  },
  appliesTo: isSubmitted,
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const mine = validityOf(d);
    const out: Finding[] = [];
    for (const o of byId(ctx.others)) {
      if (o.id === d.id || o.stage !== 'issued' || o.delegateBodyId !== d.content.delegatorBodyId) continue;
      if (!overlaps(mine, intervalOf(o))) continue;
      for (const powerId of shared(d.content.powerIds, o.powerIds)) {
        out.push(
          finding(NO_PASS_ON, `pass-on:${o.id}:${powerId}`, 'violation', {
            receivedBy: o.id,
            receivedKind: o.kind,
            powerId,
            originalDelegatorBodyId: o.delegatorBodyId,
          }),
        );
      }
    }
    return out;
  },
};
