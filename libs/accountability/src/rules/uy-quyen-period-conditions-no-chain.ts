import type { DecisionState } from '@app/delegation';
import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { byId, finding, intervalOf, isLive, isSubmitted, overlaps, shared, validityOf } from '../domain/support.js';

/**
 * An ủy quyền states its term and conditions, and the body authorised does not authorise another body
 * in turn for the same powers (another ủy quyền whose delegator is this delegate, overlapping in time).
 */
export const UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN: AccountabilityRule = {
  id: 'uy-quyen-period-conditions-no-chain',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 14 (thời hạn, điều kiện ủy quyền; không được ủy quyền tiếp)',
  message: {
    vi: 'Ủy quyền phải xác định thời hạn, điều kiện thực hiện; cơ quan được ủy quyền không được ủy quyền tiếp.',
    en: 'An authorisation states its period and conditions, and the authorised body must not authorise onwards.',
  },
  appliesTo: (d: DecisionState) => d.kind === 'uy-quyen' && isSubmitted(d),
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const out: Finding[] = [];
    if (!d.content.period) {
      out.push(
        finding(UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN, 'period', 'violation', undefined, {
          vi: 'Văn bản ủy quyền chưa xác định thời hạn ủy quyền.',
          en: 'The authorisation states no period.',
        }),
      );
    }
    if (!d.content.conditions.some((c) => typeof c === 'string' && c.trim() !== '')) {
      out.push(
        finding(UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN, 'conditions', 'violation', undefined, {
          vi: 'Văn bản ủy quyền chưa nêu điều kiện thực hiện.',
          en: 'The authorisation states no conditions.',
        }),
      );
    }
    const mine = validityOf(d);
    for (const o of byId(ctx.others)) {
      if (o.id === d.id || o.kind !== 'uy-quyen' || !isLive(o) || o.delegatorBodyId !== d.content.delegateBodyId) continue;
      const powerIds = shared(d.content.powerIds, o.powerIds);
      if (powerIds.length === 0 || !overlaps(mine, intervalOf(o))) continue;
      out.push(
        finding(
          UY_QUYEN_PERIOD_CONDITIONS_NO_CHAIN,
          `chain:${o.id}`,
          'violation',
          { otherId: o.id, powerIds, onwardDelegateBodyId: o.delegateBodyId, otherStage: o.stage },
          {
            vi: 'Cơ quan được ủy quyền đã ủy quyền tiếp nhiệm vụ, quyền hạn được ủy quyền cho cơ quan khác.',
            en: 'The authorised body has authorised another body in turn for the powers it was authorised to exercise.',
          },
        ),
      );
    }
    return out;
  },
};
