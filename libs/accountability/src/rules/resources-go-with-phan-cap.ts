import type { DecisionState } from '@app/delegation';
import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { finding, isSubmitted } from '../domain/support.js';

const hasText = (s: string | undefined) => typeof s === 'string' && s.trim() !== '';

/** A phân cấp that moves no budget, staff or facilities and does not say why none are needed. */
export const RESOURCES_GO_WITH_PHAN_CAP: AccountabilityRule = {
  id: 'resources-go-with-phan-cap',
  version: 1,
  source:
    'Kế hoạch triển khai Nghị quyết 04/NQ-CP (seed 001) mục I.2 và II.1.a; Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13',
  message: {
    vi: 'Phân cấp phải đi đôi với bảo đảm cơ sở vật chất, nguồn lực tài chính và biên chế; nếu không chuyển giao nguồn lực phải nêu rõ lý do.',
    en: 'Decentralisation must come with facilities, funding and staff; when none are transferred, the reason must be given.',
  },
  appliesTo: (d: DecisionState) => d.kind === 'phan-cap' && isSubmitted(d),
  evaluate(ctx: CheckContext): Finding[] {
    const r = ctx.decision.content.resources;
    const transfers = r.budgetVnd > 0 || r.staffPositions > 0 || r.facilities.some(hasText);
    if (transfers || hasText(r.noResourcesReason)) return [];
    return [finding(RESOURCES_GO_WITH_PHAN_CAP, 'resources', 'violation', { budgetVnd: r.budgetVnd, staffPositions: r.staffPositions, facilities: r.facilities })];
  },
};
