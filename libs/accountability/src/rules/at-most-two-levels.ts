import type { AccountabilityRule, BodyInfo, CheckContext, DelegationSummary, Finding } from '../domain/types.js';
import { finding, isSubmitted, LEVEL_RANK } from '../domain/support.js';

/** An approved delegation, or one issued and still running today, puts its delegate in charge of the power. */
function manages(o: DelegationSummary, today: string): boolean {
  return o.stage === 'approved' || (o.stage === 'issued' && (o.validFrom === null || o.validFrom <= today) && (o.validTo === null || today < o.validTo));
}

/**
 * Counts the administrative levels that would manage each power once this decision takes effect: the
 * body the law gives it to (the catalogue's legal holder, else this delegator), the delegates of the
 * other approved or running delegations of it in the province, and this decision's delegate.
 */
export const AT_MOST_TWO_LEVELS: AccountabilityRule = {
  id: 'at-most-two-levels',
  version: 1,
  source: 'Kế hoạch triển khai Nghị quyết 04/NQ-CP (seed 001) mục I.2: bảo đảm một việc không quá 02 cấp hành chính quản lý',
  message: {
    vi: 'Một việc không được quá 02 cấp hành chính cùng quản lý.',
    en: 'No more than two administrative levels may manage the same task.',
  },
  appliesTo: isSubmitted,
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const out: Finding[] = [];
    for (const powerId of [...new Set(d.content.powerIds)].sort()) {
      const managers = new Set<string>([ctx.powers[powerId]?.legalHolderBodyId ?? d.content.delegatorBodyId, d.content.delegateBodyId]);
      for (const o of ctx.others) if (o.powerIds.includes(powerId) && manages(o, ctx.today)) managers.add(o.delegateBodyId);
      const known = [...managers].map((id) => ctx.bodies[id]).filter((b): b is BodyInfo => b !== undefined);
      const levels = [...new Set(known.map((b) => b.level))].sort((a, b) => LEVEL_RANK[a] - LEVEL_RANK[b]);
      if (levels.length <= 2) continue;
      const bodiesByLevel = Object.fromEntries(levels.map((l) => [l, known.filter((b) => b.level === l).map((b) => b.id).sort()]));
      out.push(finding(AT_MOST_TWO_LEVELS, `levels:${powerId}`, 'violation', { powerId, levels, bodiesByLevel }));
    }
    return out;
  },
};
