import type { DecisionState } from '@app/delegation';
import type { AccountabilityRule, CheckContext, Finding } from '../domain/types.js';
import { finding, isIssued } from '../domain/support.js';

/** An issued phân cấp carries an approving HĐND vote, held no later than the day the decision was signed. */
export const COUNCIL_APPROVAL_BEFORE_ISSUANCE: AccountabilityRule = {
  id: 'council-approval-before-issuance',
  version: 1,
  source: 'Kế hoạch triển khai Nghị quyết 04/NQ-CP (seed 001) mục III.3: trình HĐND cùng cấp thông qua trước khi ban hành Quyết định',
  message: {
    vi: 'Quyết định phân cấp đã ban hành nhưng không có Nghị quyết thông qua của HĐND trước ngày ký ban hành.',
    en: 'The decentralisation decision was issued without a council approval dated before its signing.',
  },
  appliesTo: (d: DecisionState) => d.kind === 'phan-cap' && isIssued(d),
  evaluate(ctx: CheckContext): Finding[] {
    const { councilVote: vote, issuance } = ctx.decision;
    if (vote?.outcome !== 'approved') {
      return [finding(COUNCIL_APPROVAL_BEFORE_ISSUANCE, 'council-approval', 'violation', { vote: vote?.outcome ?? null })];
    }
    if (issuance && vote.sessionDate > issuance.signedOn) {
      return [
        finding(COUNCIL_APPROVAL_BEFORE_ISSUANCE, 'council-approval', 'violation', {
          sessionDate: vote.sessionDate,
          signedOn: issuance.signedOn,
        }),
      ];
    }
    return [];
  },
};
