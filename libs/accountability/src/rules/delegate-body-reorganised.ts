import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { finding, isSubmitted } from '../domain/support.js';

/**
 * The delegate (or the delegator) has been merged or abolished: the powers must be re-assigned to the
 * successor by amendment. The key names the body, so amending to another body resolves the finding.
 */
export const DELEGATE_BODY_REORGANISED: AccountabilityRule = {
  id: 'delegate-body-reorganised',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 51 và 54 (sắp xếp tổ chức, chuyển tiếp); Kế hoạch (seed 001) mục III.3',
  message: {
    vi: 'Cơ quan trong quyết định phân cấp, ủy quyền đã sáp nhập hoặc giải thể; cần giao lại nhiệm vụ, quyền hạn cho cơ quan kế thừa.',
    en: 'A body of this delegation was merged or abolished; the powers must be re-assigned to its successor.',
  },
  appliesTo: isSubmitted,
  evaluate(ctx: CheckContext): Finding[] {
    const c = ctx.decision.content;
    const out: Finding[] = [];
    const roles = [
      { role: 'delegate', vi: 'Cơ quan được giao', bodyId: c.delegateBodyId },
      { role: 'delegator', vi: 'Cơ quan giao', bodyId: c.delegatorBodyId },
    ] as const;
    for (const { role, vi, bodyId } of roles) {
      const body = ctx.bodies[bodyId];
      if (!body || body.status === 'active') continue;
      if (body.endedOn !== undefined && body.endedOn > ctx.today) continue;
      const how = body.status === 'merged' ? { vi: 'đã sáp nhập', en: 'was merged' } : { vi: 'đã giải thể', en: 'was abolished' };
      const successor = body.successorId ? ctx.bodies[body.successorId] : undefined;
      const since = body.endedOn ? { vi: ` từ ngày ${body.endedOn}`, en: ` on ${body.endedOn}` } : { vi: '', en: '' };
      const to = successor ? { vi: ` cho ${successor.nameVi}`, en: ` to ${successor.nameVi}` } : { vi: '', en: '' };
      out.push(
        finding(
          DELEGATE_BODY_REORGANISED,
          `reorganised:${bodyId}`,
          'violation',
          { role, bodyId, status: body.status, endedOn: body.endedOn ?? null, successorId: body.successorId ?? null },
          {
            vi: `${vi} "${body.nameVi}" ${how.vi}${since.vi}; cần sửa đổi quyết định để giao lại nhiệm vụ, quyền hạn${to.vi}.`,
            en: `The ${role} body "${body.nameVi}" ${how.en}${since.en}; amend the decision to re-assign the powers${to.en}.`,
          },
        ),
      );
    }
    return out;
  },
};
